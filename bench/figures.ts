/**
 * What sections hand their charts: raw samples and tallies, shaped for the chart builders in charts/. The sections'
 * printed tables are made from the same figures.
 */

/** Who answered a timed request. */
export type Setup = 'direct claude -p' | 'gateway, pool off' | 'gateway, pool on';

/** What was timed: the first content of a stream (plain, or with max_tokens set), or the whole non-streamed answer. */
export type LatencyMeasure = 'first content' | 'first content, max_tokens' | 'complete';

export interface LatencySample {
  setup: Setup;
  measure: LatencyMeasure;
  /** The interleaved round it was timed in: one round's samples of a measure are side by side, a pair. */
  round: number;
  ms: number;
}

/** One gateway under `clients` back-to-back clients, over all its rounds. */
export interface SaturationTally {
  clients: number;
  setup: Setup;
  requests: number;
  failed: number;
  seconds: number;
  /** CPU seconds of the gateway and its CLIs over the rounds. */
  cpu: number;
  /** Every answered request's time to its whole answer. */
  latencies: number[];
}

/** The sample at `q` of the way up the sorted samples (no interpolation), as the tables print medians. */
export const quantile = (values: readonly number[], q: number) => [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.floor(values.length * q))]!;

/** The upper median. */
export const median = (values: readonly number[]) => quantile(values, 0.5);
