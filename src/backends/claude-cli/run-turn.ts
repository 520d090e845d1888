import { GatewayError } from '../../core/errors.js';
import type { CliProcess } from './spawn-cli.js';

export interface TurnOptions {
  /** The client's signal: aborted when it goes away or the gateway's shutdown deadline passes. */
  signal: AbortSignal;
  /** Wall-clock bound for the whole request, counted from `startedAt` (default: now; a retry keeps the first's). */
  requestTimeoutMs: number;
  startedAt?: number;
  /** Bound on silence: the CLI itself waits 5–10 minutes on a stalled upstream stream (protocol §3.2). */
  stallTimeoutMs: number;
}

/** After its result line the CLI exits by itself in ~20–30 ms; it is only killed if it lingers. */
const exitGraceMs = 1000;

/**
 * One turn on a spawned CLI: writes its stdin lines and yields its stdout lines. The client's signal, the deadline and
 * the stall watchdog share one cancel path, which kills the CLI and everything it started. Stopping before the turn's
 * result (a stop sequence, max_tokens) kills it too: it would go on calling the model. After the result (stdin closed)
 * it exits by itself and the caller does not wait for that.
 */
export async function* runTurn(cli: CliProcess, stdin: string, options: TurnOptions): AsyncGenerator<string> {
  const watchdog = new AbortController();
  const expire = (message: string) => () => watchdog.abort(new GatewayError('timeout', message));
  const left = options.requestTimeoutMs - (Date.now() - (options.startedAt ?? Date.now()));
  const deadline = setTimeout(expire(`The request took longer than ${options.requestTimeoutMs / 1000} s.`), left);
  // Counts only time spent waiting on the CLI: while the consumer holds a line (a slow client), it is paused.
  let consumerHasLine = false;
  const silence = expire(`The Claude CLI produced no output for ${options.stallTimeoutMs / 1000} s.`);
  const stall = setTimeout(() => consumerHasLine || silence(), options.stallTimeoutMs);
  const cancel = AbortSignal.any([options.signal, watchdog.signal]);
  const kill = () => cli.kill();
  cancel.addEventListener('abort', kill, { once: true });
  if (cancel.aborted) kill();
  cli.write(stdin);
  try {
    // Iterated by hand: a for-await would make an early stop wait for the CLI to exit before anything else runs.
    for (let next = await cli.lines.next(); !next.done; next = await cli.lines.next()) {
      consumerHasLine = true;
      yield next.value;
      consumerHasLine = false;
      stall.refresh(); // re-arms the timer even if it fired while paused
    }
    const { failure } = await cli.exited; // stdout ended without a result: the exit says why
    if (failure) throw failure;
  } catch (error) {
    if (!cancel.aborted) throw error;
    const reason: unknown = cancel.reason;
    throw reason instanceof GatewayError ? reason : new GatewayError('client_closed', 'The client went away.', { cause: reason });
  } finally {
    clearTimeout(deadline);
    clearTimeout(stall);
    cancel.removeEventListener('abort', kill);
    const linger = setTimeout(kill, cli.inputEnded ? exitGraceMs : 0);
    void cli.exited.then(() => clearTimeout(linger));
    void cli.lines.return(undefined).catch(() => undefined);
  }
}
