import { execa } from 'execa';
import type { GatewayError } from '../../core/errors.js';
import { killProcessTree } from './kill-process-tree.js';
import { mapProcessError } from './map-process-error.js';
import { readLines } from './read-lines.js';

/** What is fixed when a CLI process starts: its argv and environment. */
export interface CliSpawnSpec {
  args: readonly string[];
  env: Readonly<Record<string, string>>;
  /**
   * More of both that only a process started for this request takes (its run settings); one started ahead goes
   * without, and gets the same on stdin instead.
   */
  forRequest?: { args: readonly string[]; env: Readonly<Record<string, string>> } | undefined;
}

/** A running CLI: stdin for NDJSON lines, stdout as lines. */
export interface CliProcess {
  readonly pid: number | undefined;
  /** stdout, line by line; ends when stdout closes or the process is killed. */
  readonly lines: AsyncGenerator<string>;
  /** Writes text (whole NDJSON lines) to stdin; ignored once stdin is closed. */
  write(text: string): void;
  /** Closes stdin: the CLI finishes the turn in progress and exits (protocol §4.7). */
  endInput(): void;
  readonly inputEnded: boolean;
  /** Stops the CLI and every process it started, at once. */
  kill(): void;
  /** Settles once the process is gone, with why it failed (a non-zero exit, a failed start), if it did. */
  readonly exited: Promise<{ failure: GatewayError | undefined }>;
  /** It was started ahead of the request, by the pool. */
  readonly pooled?: true;
}

export interface SpawnOptions {
  /** A process started now, never one started ahead (a retry after a pre-started one failed). */
  fresh?: boolean;
}

/** Starts a CLI process. A decorator may make the caller wait (a concurrency slot, a pool); `signal` ends the wait. */
export type SpawnCli = (spec: CliSpawnSpec, signal: AbortSignal, options?: SpawnOptions) => Promise<CliProcess>;

export interface CliSpawnerOptions {
  cliPath: string;
  /** An empty directory the CLI runs in, so no project files, CLAUDE.md or .mcp.json are picked up. */
  cwd: string;
  /** Called with each CLI's pid (tests use it to check nothing outlives a request). */
  onSpawn?: ((pid: number) => void) | undefined;
}

/** SIGTERM ends the CLI in ~30 ms (protocol §8.1); SIGKILL follows for whatever has not gone. */
const forceKillAfterMs = 2000;
/** The longest stdout line accepted. Real lines stay far below (a whole answer or tool result is one line). */
const maxLineBytes = 16 * 1024 * 1024;

export interface CliSpawner {
  spawn: SpawnCli;
  /** CLI processes alive now. */
  readonly alive: number;
  /**
   * Sends every live CLI tree SIGTERM, synchronously: for the gateway's own exit, when nothing would be left to
   * follow up (the CLIs run detached, so nothing else stops them).
   */
  stopAll(): void;
}

export function createCliSpawner(options: CliSpawnerOptions): CliSpawner {
  const live = new Set<() => void>();
  const spawn: SpawnCli = async (spec, signal) => {
    signal.throwIfAborted();
    const child = execa(options.cliPath, [...spec.args, ...(spec.forRequest?.args ?? [])], {
      cwd: options.cwd,
      env: { ...spec.env, ...spec.forRequest?.env },
      extendEnv: false,
      // Its own process group, so a kill reaches what it starts, and a terminal's Ctrl-C reaches only the gateway,
      // which drains in-flight requests before it stops them.
      detached: true,
      buffer: { stdout: false, stderr: true },
      maxBuffer: { stderr: 64 * 1024 },
    });
    let alive = true;
    const exited = child.then(
      () => ({ failure: undefined }),
      (error: unknown) => ({ failure: mapProcessError(error, options.cliPath) }),
    );
    const stop = () => child.pid !== undefined && killProcessTree(child.pid, forceKillAfterMs);
    live.add(stop);
    void exited.then(() => {
      alive = false;
      live.delete(stop);
    });
    child.stdin?.on('error', () => undefined); // EPIPE when the CLI has died; its exit says why
    if (child.pid !== undefined) options.onSpawn?.(child.pid);
    const lines = child.stdout ? readLines(child.stdout, maxLineBytes) : (async function* () {})();
    return {
      pid: child.pid,
      lines,
      write: (text) => {
        if (child.stdin?.writable) child.stdin.write(text);
      },
      endInput: () => child.stdin?.end(),
      get inputEnded() {
        return !child.stdin?.writable;
      },
      kill: () => {
        if (!alive) return;
        stop();
        child.stdout?.destroy(); // a reader waiting on a line returns now, whatever still holds the pipe
      },
      exited,
    };
  };
  return {
    spawn,
    get alive() {
      return live.size;
    },
    stopAll: () => live.forEach((stop) => stop()),
  };
}
