import { messagesEn, type Messages } from './locale/messages-en.js';

/** Progress lines for the long steps of start-up ("Starting the demo upstream… ok (12 ms)"). */
export interface Progress {
  /** Runs `run`, saying what it does, whether it worked, how long it took and what `describe` makes of its result. */
  step<T>(label: string, run: () => T | Promise<T>, describe?: (result: T) => string): Promise<T>;
}

/**
 * Writes to `stream` (stderr: stdout is the log's). On a terminal the label shows while the step runs and the outcome
 * completes its line; elsewhere (a pipe, a file, CI) each step is one line, written when it ends. Without a stream,
 * nothing is written. `words`: "ok" and "failed" in the operator's language.
 */
export function createProgress(
  stream?: { write(text: string): unknown; isTTY?: boolean },
  clock: () => number = performance.now.bind(performance),
  words: Pick<Messages['progress'], 'ok' | 'failed'> = messagesEn.progress,
): Progress {
  return {
    async step(label, run, describe) {
      const started = clock();
      const live = stream?.isTTY === true;
      if (live) stream.write(`${label}… `);
      const took = () => `${Math.round(clock() - started)} ms`;
      try {
        const result = await run();
        const detail = describe?.(result);
        stream?.write(`${live ? '' : `${label}… `}${words.ok} (${detail ? `${detail}, ` : ''}${took()})\n`);
        return result;
      } catch (error) {
        stream?.write(`${live ? '' : `${label}… `}${words.failed} (${took()}): ${error instanceof Error ? error.message : String(error)}\n`);
        throw error;
      }
    },
  };
}
