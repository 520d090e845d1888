import type { CliProcess, CliSpawnSpec, SpawnCli } from './spawn-cli.js';

export interface CliPoolOptions {
  /** Processes kept started and waiting, over all keys; 0 turns the pool off. */
  size: number;
  /** An idle process older than this is replaced by a fresh one. */
  idleMs: number;
  /**
   * Whether requests leave room for a refill now. At saturation a refill cannot make anyone faster (the CPU is the
   * limit, and start-ups that run side by side each cost more), so the pool waits until the load falls.
   */
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

/** Model ids are open-ended (any claude-*): only this many keys are remembered, the most used. */
const maxKeys = 64;
/** Each request counts 1 for its key, and every earlier one a little less: the pool follows what is used now. */
const decay = 0.95;

interface Waiting {
  cli: CliProcess;
  timer: NodeJS.Timeout;
}

/**
 * Pre-started CLIs. The CLI does its whole start-up (~1 s of CPU here) before it reads stdin, so a process spawned
 * ahead of time answers a request at once. Processes are keyed by all that is fixed when a CLI starts (argv and
 * environment: model, built-in tools); everything else a request sets travels on stdin. The pool holds `size`
 * processes in all, given to the most used keys first, and refills only after a request's process has exited, so a
 * refill never competes with that request for the CPU. A miss spawns cold. A process serves one request and is gone:
 * a turn leaves history inside it.
 */
export function createCliPool(spawnCold: SpawnCli, options: CliPoolOptions): CliPool {
  const waiting = new Map<string, Waiting[]>();
  const specs = new Map<string, CliSpawnSpec>();
  const uses = new Map<string, number>();
  const draining = new AbortController();
  let idle = 0;
  let starting = 0;

  const keyOf = (spec: CliSpawnSpec) => JSON.stringify([spec.args, Object.entries(spec.env).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))]);

  const use = (spec: CliSpawnSpec, weight: number): string => {
    const key = keyOf(spec);
    for (const [other, count] of uses) uses.set(other, count * decay);
    uses.set(key, (uses.get(key) ?? 0) + weight);
    specs.set(key, spec);
    if (uses.size > maxKeys) {
      const rarest = [...uses].sort((a, b) => a[1] - b[1])[0]![0];
      uses.delete(rarest);
      if (!waiting.get(rarest)?.length) specs.delete(rarest);
    }
    return key;
  };

  /** What the pool should hold: its places dealt to keys by use, the most used first, round and round. */
  const wanted = (): Map<string, number> => {
    const ranked = [...uses].sort((a, b) => b[1] - a[1]).map(([key]) => key);
    const out = new Map<string, number>();
    for (let i = 0; i < options.size && ranked.length > 0; i += 1) {
      const key = ranked[i % ranked.length]!;
      out.set(key, (out.get(key) ?? 0) + 1);
    }
    return out;
  };

  const take = (key: string, entry: Waiting | undefined): entry is Waiting => {
    const list = waiting.get(key);
    const at = entry && list ? list.indexOf(entry) : -1;
    if (at < 0) return false;
    list!.splice(at, 1);
    idle -= 1;
    clearTimeout(entry!.timer);
    return true;
  };

  const startOne = async (key: string) => {
    starting += 1;
    try {
      const cli = await spawnCold(specs.get(key)!, draining.signal);
      if (draining.signal.aborted) return void cli.endInput();
      const entry: Waiting = { cli, timer: setTimeout(() => recycle(key, entry), options.idleMs) };
      entry.timer.unref();
      waiting.set(key, [...(waiting.get(key) ?? []), entry]);
      idle += 1;
      // One that dies while it waits is dropped; it is replaced at the next refill, not at once (no crash loop).
      void cli.exited.then(() => take(key, entry));
    } catch {
      // A failed start shows again as a cold miss, which reports it to its request.
    } finally {
      starting -= 1;
    }
  };

  const recycle = (key: string, entry: Waiting) => {
    if (!take(key, entry)) return;
    entry.cli.endInput();
    void entry.cli.exited.then(refill);
  };

  function refill(): void {
    if (draining.signal.aborted || options.hasRoom?.() === false) return;
    let room = options.size - idle - starting;
    for (const [key, count] of wanted()) {
      for (let have = waiting.get(key)?.length ?? 0; have < count && room > 0; have += 1, room -= 1) void startOne(key);
    }
  }

  const spawn: SpawnCli = async (spec, signal) => {
    if (options.size === 0) return spawnCold(spec, signal);
    const key = use(spec, 1);
    const first = waiting.get(key)?.[0];
    const hit = take(key, first) ? first.cli : undefined;
    const cli = hit ?? (await spawnCold(spec, signal));
    void cli.exited.then(refill); // after the request, not during it
    // Marked, so that a failure before its first output can be retried on a fresh process (create-claude-cli-backend).
    return hit ? (Object.create(hit, { pooled: { value: true } }) as CliProcess) : cli;
  };

  return {
    spawn,
    size: options.size,
    get idle() {
      return idle;
    },
    prime(spec) {
      if (options.size === 0) return;
      use(spec, 0.5); // below one real use: the first requests decide
      refill();
    },
    async drain() {
      draining.abort();
      const closing = [...waiting].flatMap(([key, list]) => [...list].filter((entry) => take(key, entry)));
      for (const { cli } of closing) cli.endInput();
      await Promise.all(closing.map(({ cli }) => cli.exited));
    },
  };
}
