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

/**
 * Runs the CLI once and yields its stdout lines. The client's signal, the request deadline and the stall watchdog
 * share one cancel signal that kills the process; leaving the loop early kills it too.
 */
export async function* runCliProcess(invocation: Invocation, options: RunOptions): AsyncGenerator<string> {
  const watchdog = new AbortController();
  const expire = (message: string) => () => watchdog.abort(new GatewayError('timeout', message));
  const deadline = setTimeout(expire(`The request took longer than ${options.requestTimeoutMs / 1000} s.`), options.requestTimeoutMs);
  const stall = setTimeout(expire(`The Claude CLI produced no output for ${options.stallTimeoutMs / 1000} s.`), options.stallTimeoutMs);
  const cancelSignal = AbortSignal.any([options.signal, watchdog.signal]);

  const subprocess = execa(options.cliPath, invocation.args, {
    cwd: options.cwd,
    env: invocation.env,
    extendEnv: false,
    input: invocation.stdin,
    cancelSignal,
    forceKillAfterDelay: forceKillAfterMs,
    buffer: { stdout: false, stderr: true },
    maxBuffer: { stderr: 64 * 1024 },
  });
  subprocess.catch(() => undefined); // failures surface through the iteration below
  if (subprocess.pid !== undefined) options.onSpawn?.(subprocess.pid);

  // Iterated by hand: a for-await would make an early stop wait for the CLI to exit before anything else runs.
  const lines = subprocess.iterable({ from: 'stdout' })[Symbol.asyncIterator]();
  try {
    for (let next = await lines.next(); !next.done; next = await lines.next()) {
      stall.refresh();
      yield next.value;
    }
    await subprocess;
  } catch (error) {
    if (cancelSignal.aborted) {
      const reason: unknown = cancelSignal.reason;
      throw reason instanceof GatewayError ? reason : new GatewayError('client_closed', 'The client went away.', { cause: reason });
    }
    throw mapProcessError(error, options.cliPath);
  } finally {
    clearTimeout(deadline);
    clearTimeout(stall);
    if (subprocess.exitCode === null && subprocess.signalCode === null) {
      // The consumer has what it needs (the result, or an error); don't hold the response for the CLI's exit.
      const linger = setTimeout(() => subprocess.kill(), exitGraceMs);
      void subprocess.finally(() => clearTimeout(linger)).catch(() => undefined);
      void lines.return?.().catch(() => undefined);
    }
  }
}
