import type { CliProcess, CliSpawnSpec, SpawnCli } from './spawn-cli.js';
import { trackPoolUse } from './track-pool-use.js';

export interface CliPoolOptions {
  /** Processes kept started and waiting, over all keys; 0 turns the pool off. */
  size: number;
  /** An idle process older than this is replaced by a fresh one. */
  idleMs: number;
  /** Whether requests leave room for a refill now (limit-processes' `roomForRefill`). */
  hasRoom?: () => boolean;
}

export interface CliPool {
  spawn: SpawnCli;
  /** Processes it keeps waiting, at most. */
  readonly size: number;
  /** Waiting processes now. */
  readonly idle: number;
  /** Starts processes for `spec` ahead of any request (at start-up: the default model). */
  prime(spec: CliSpawnSpec): void;
  /** Closes every waiting process's stdin (they exit in ~40 ms) and starts no more; settles once they are gone. */
  drain(): Promise<void>;
}

/** A CLI exits ~40 ms after its stdin closes; one that has not after this is killed. */
const closeGraceMs = 5000;

interface Waiting {
  cli: CliProcess;
  timer: NodeJS.Timeout;
}

/** Closes a CLI's stdin, and kills it if it has not gone soon after; settles once it is gone. */
const close = (cli: CliProcess) => {
  cli.endInput();
  const kill = setTimeout(() => cli.kill(), closeGraceMs);
  kill.unref();
  return cli.exited.finally(() => clearTimeout(kill));
};

/** The same process, marked as started ahead, so that a failure before its first output is retried on a fresh one. */
const markPooled = (cli: CliProcess): CliProcess => ({
  pid: cli.pid,
  lines: cli.lines,
  write: (text) => cli.write(text),
  endInput: () => cli.endInput(),
  get inputEnded() {
    return cli.inputEnded;
  },
  kill: () => cli.kill(),
  exited: cli.exited,
  pooled: true,
});

/**
 * Pre-started CLIs. The CLI does its whole start-up (~1 s of CPU here) before it reads stdin, so a process spawned
 * ahead of time answers a request at once. Processes are keyed by all that is fixed when a CLI starts (argv and
 * environment: model, built-in tools); everything else a request sets travels on stdin. Credentials are not fixed:
 * the CLI reads them when it calls the API (checked on 2.1.197: a process started before `.credentials.json` existed
 * used the token written after), so a login does not stale the pool. The `size` places are shared among keys in
 * proportion to recent use; refills start only after a request's process has exited, so a refill never competes with
 * that request for the CPU. A miss spawns cold. A process serves one request and is gone: a turn leaves history in it.
 */
export function createCliPool(spawnCold: SpawnCli, options: CliPoolOptions): CliPool {
  const waiting = new Map<string, Waiting[]>();
  const use = trackPoolUse();
  const draining = new AbortController();
  /** Starts in flight, per key. */
  const starting = new Map<string, number>();
  const sum = (counts: Iterable<number>) => [...counts].reduce((total, n) => total + n, 0);
  const idle = () => sum([...waiting.values()].map((list) => list.length));

  const count = (map: Map<string, number>, key: string, by: number) => {
    const n = (map.get(key) ?? 0) + by;
    if (n === 0) map.delete(key);
    else map.set(key, n);
  };
  /** Waiting or on the way. */
  const have = (key: string) => (waiting.get(key)?.length ?? 0) + (starting.get(key) ?? 0);

  const take = (key: string, entry: Waiting | undefined): entry is Waiting => {
    const list = waiting.get(key) ?? [];
    const at = entry ? list.indexOf(entry) : -1;
    if (at < 0) return false;
    list.splice(at, 1);
    if (list.length === 0) waiting.delete(key);
    clearTimeout(entry!.timer);
    return true;
  };

  const takeFirst = (key: string): CliProcess | undefined => {
    const first = waiting.get(key)?.[0];
    return take(key, first) ? first.cli : undefined;
  };

  const startOne = async (key: string, spec: CliSpawnSpec) => {
    count(starting, key, 1);
    try {
      const cli = await spawnCold(spec, draining.signal);
      if (draining.signal.aborted) return void close(cli);
      const entry: Waiting = { cli, timer: setTimeout(() => replace(key, entry), options.idleMs) };
      entry.timer.unref();
      waiting.set(key, [...(waiting.get(key) ?? []), entry]);
      // One that dies while it waits is dropped; it is replaced at the next refill, not at once (no crash loop).
      void cli.exited.then(() => take(key, entry));
    } catch {
      // A failed start shows again as a cold miss, which reports it to its request.
    } finally {
      count(starting, key, -1);
    }
  };

  /** Closes a waiting process (idle too long, or its place is wanted by another key); a refill follows its exit. */
  const replace = (key: string, entry: Waiting) => {
    if (!take(key, entry)) return;
    void close(entry.cli).then(refillSoon);
  };

  function refill(): void {
    if (draining.signal.aborted || options.hasRoom?.() === false) return;
    const { weight } = use;
    const want = use.places(options.size);
    let room = options.size - idle() - sum(starting.values());
    for (const [key, places] of want) {
      for (let n = have(key); n < places && room > 0; n += 1, room -= 1) void startOne(key, use.specOf(key)!);
    }
    if (room > 0) return;
    // A key short of its share while a much less used one holds more than its own: one process makes way per refill.
    // "Much" (twice the weight) keeps keys used about equally from trading places, a start-up each time, for nothing.
    const short = [...want].filter(([key, places]) => have(key) < places).map(([key]) => weight(key));
    if (short.length === 0) return;
    const surplus = [...waiting].filter(([key, list]) => list.length > (want.get(key) ?? 0));
    const [key, list] = surplus.sort(([a], [b]) => weight(a) - weight(b))[0] ?? [];
    if (key !== undefined && list && Math.max(...short) >= 2 * weight(key)) replace(key, list[0]!);
  }

  /** After the exit's other callbacks (the gate's release among them), so `hasRoom` sees the slot free. */
  function refillSoon(): void {
    setImmediate(refill);
  }

  const spawn: SpawnCli = async (spec, signal, spawnOptions) => {
    if (options.size === 0) return spawnCold(spec, signal);
    const hit = spawnOptions?.fresh ? undefined : takeFirst(use.record(spec, 1));
    const cli = hit ?? (await spawnCold(spec, signal));
    void cli.exited.then(refillSoon); // after the request, not during it
    return hit ? markPooled(hit) : cli;
  };

  return {
    spawn,
    size: options.size,
    get idle() {
      return idle();
    },
    prime(spec) {
      if (options.size === 0) return;
      use.record(spec, 0.5); // below one real use: the first requests decide
      refill();
    },
    async drain() {
      draining.abort();
      const closing = [...waiting].flatMap(([key, list]) => [...list].filter((entry) => take(key, entry)));
      await Promise.all(closing.map(({ cli }) => close(cli)));
    },
  };
}
