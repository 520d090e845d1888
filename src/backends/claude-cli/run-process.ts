import { execa } from 'execa';
import { GatewayError } from '../../core/errors.js';
import type { Invocation } from './encode-invocation.js';
import { mapProcessError } from './map-process-error.js';

export interface RunOptions {
  cliPath: string;
  cwd: string;
  signal: AbortSignal;
  /** Wall-clock bound for the whole run. */
  requestTimeoutMs: number;
  /** Bound on silence: the CLI itself waits 5–10 minutes on a stalled upstream stream (protocol §3.2). */
  stallTimeoutMs: number;
  /** Called with the pid once the CLI is spawned (tests use it to check nothing outlives a request). */
  onSpawn?: ((pid: number) => void) | undefined;
}

/** SIGTERM ends the CLI in ~30 ms (protocol §8.1); SIGKILL follows if it has not gone. */
const forceKillAfterMs = 2000;
/** After its result line the CLI exits by itself in ~20–30 ms; it is only killed if it lingers. */
const exitGraceMs = 1000;

export interface CliProcess {
  /** The CLI's stdout lines. Spawns on the first pull; stopping early kills the CLI if it lingers. */
  lines: AsyncGenerator<string>;
  /** Writes one NDJSON line to the CLI's stdin (control responses). */
  send(line: string): void;
  /** Closes stdin once the turn's result is in: the CLI exits (protocol §4.7). Stopping before that kills it. */
  endInput(): void;
}

/**
 * Runs the CLI once: writes the invocation's stdin, keeps stdin open for control responses, and yields stdout lines.
 * The client's signal, the request deadline and the stall watchdog share one cancel signal that kills the process.
 */
export function startCliProcess(invocation: Invocation, options: RunOptions): CliProcess {
  let subprocess: ReturnType<typeof spawnCli> | undefined;
  let inputEnded = false;
  const send = (line: string) => {
    if (subprocess?.stdin?.writable) subprocess.stdin.write(`${line}\n`);
  };
  const endInput = () => {
    inputEnded = true;
    subprocess?.stdin?.end();
  };

  async function* lines(): AsyncGenerator<string> {
    const watchdog = new AbortController();
    const expire = (message: string) => () => watchdog.abort(new GatewayError('timeout', message));
    const deadline = setTimeout(expire(`The request took longer than ${options.requestTimeoutMs / 1000} s.`), options.requestTimeoutMs);
    // Counts only time spent waiting on the CLI: while the consumer holds a line (a slow client), it is paused.
    let consumerHasLine = false;
    const silence = expire(`The Claude CLI produced no output for ${options.stallTimeoutMs / 1000} s.`);
    const stall = setTimeout(() => consumerHasLine || silence(), options.stallTimeoutMs);
    const cancelSignal = AbortSignal.any([options.signal, watchdog.signal]);
    const child = spawnCli(invocation, options, cancelSignal);
    subprocess = child;
    child.catch(() => undefined); // failures surface through the iteration below
    child.stdin?.on('error', () => undefined); // EPIPE when the CLI has died; its exit reports why
    child.stdin?.write(invocation.stdin);
    if (child.pid !== undefined) options.onSpawn?.(child.pid);

    // Iterated by hand: a for-await would make an early stop wait for the CLI to exit before anything else runs.
    const stdout = child.iterable({ from: 'stdout' })[Symbol.asyncIterator]();
    try {
      for (let next = await stdout.next(); !next.done; next = await stdout.next()) {
        consumerHasLine = true;
        yield next.value;
        consumerHasLine = false;
        stall.refresh(); // re-arms the timer even if it fired while paused
      }
      await child;
    } catch (error) {
      if (cancelSignal.aborted) {
        const reason: unknown = cancelSignal.reason;
        throw reason instanceof GatewayError ? reason : new GatewayError('client_closed', 'The client went away.', { cause: reason });
      }
      throw mapProcessError(error, options.cliPath);
    } finally {
      clearTimeout(deadline);
      clearTimeout(stall);
      if (child.exitCode === null && child.signalCode === null) {
        // Stopped before the turn's result (a stop sequence, max_tokens): the CLI would go on calling the model, so it
        // goes now. After the result it exits by itself; the response does not wait for that.
        child.stdin?.end();
        const linger = setTimeout(() => child.kill(), inputEnded ? exitGraceMs : 0);
        void child.finally(() => clearTimeout(linger)).catch(() => undefined);
        void stdout.return?.().catch(() => undefined);
      }
    }
  }

  return { lines: lines(), send, endInput };
}

function spawnCli(invocation: Invocation, options: RunOptions, cancelSignal: AbortSignal) {
  return execa(options.cliPath, invocation.args, {
    cwd: options.cwd,
    env: invocation.env,
    extendEnv: false,
    cancelSignal,
    forceKillAfterDelay: forceKillAfterMs,
    buffer: { stdout: false, stderr: true },
    maxBuffer: { stderr: 64 * 1024 },
  });
}
