import type { CliSpawnSpec } from './spawn-cli.js';

/** Model ids are open-ended (any claude-*): only this many keys are remembered, the most used. */
const maxKeys = 64;
/** Each request counts 1 for its key, and every earlier one a little less: the pool follows what is used now. */
const decay = 0.95;

const byName = ([a]: [string, string], [b]: [string, string]) => (a < b ? -1 : a > b ? 1 : 0);
/** What a process started ahead is started with; a request's own `forRequest` is not part of it. */
export const poolKeyOf = (spec: CliSpawnSpec) => JSON.stringify([spec.args, Object.entries(spec.env).sort(byName)]);

export interface PoolUse {
  /** Counts a use of `spec` (a request: 1), every earlier one decayed; returns its key. */
  record(spec: CliSpawnSpec, weight: number): string;
  /** What a key's processes are started with (without any request's `forRequest`). */
  specOf(key: string): CliSpawnSpec | undefined;
  /** A key's recent use; 0 for one forgotten. */
  weight(key: string): number;
  /** The places each key should hold, the most used first: in proportion to weight, rounded by largest remainder. */
  places(size: number): Map<string, number>;
}

/** The pool's memory of which keys are used, and how much lately. */
export function trackPoolUse(): PoolUse {
  const uses = new Map<string, { spec: CliSpawnSpec; weight: number }>();
  const weight = (key: string) => uses.get(key)?.weight ?? 0;
  return {
    record(spec, added) {
      const key = poolKeyOf(spec);
      for (const other of uses.values()) other.weight *= decay;
      uses.set(key, { spec: { args: spec.args, env: spec.env }, weight: weight(key) + added });
      if (uses.size > maxKeys) uses.delete([...uses].sort((a, b) => a[1].weight - b[1].weight)[0]![0]);
      return key;
    },
    specOf: (key) => uses.get(key)?.spec,
    weight,
    places(size) {
      const total = [...uses.values()].reduce((sum, use) => sum + use.weight, 0);
      const shares = [...uses].map(([key, use]) => ({ key, exact: (size * use.weight) / total }));
      const out = new Map(shares.map(({ key, exact }) => [key, Math.floor(exact)]));
      let left = size - [...out.values()].reduce((sum, n) => sum + n, 0);
      for (const { key } of [...shares].sort((a, b) => (b.exact % 1) - (a.exact % 1))) {
        if (left-- <= 0) break;
        out.set(key, out.get(key)! + 1);
      }
      return new Map([...out].sort(([a], [b]) => weight(b) - weight(a)));
    },
  };
}
