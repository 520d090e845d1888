import { median, type LatencyMeasure, type LatencySample, type Setup } from '../figures.js';

/**
 * `over` ÷ `under` for one measure as the latency table prints it: the ratio of the medians, and the median of the
 * per-round ratios (adjacent runs share the machine's momentary load, so that one is the steadier).
 */
export function latencyRatio(samples: readonly LatencySample[], measure: LatencyMeasure, over: Setup, under: Setup): string {
  const of = (setup: Setup) => samples.filter((s) => s.measure === measure && s.setup === setup);
  const [top, bottom] = [of(over), of(under)];
  const byRound = new Map(bottom.map((s) => [s.round, s.ms]));
  const pairs = top.filter((s) => byRound.has(s.round)).map((s) => s.ms / byRound.get(s.round)!);
  const ofMedians = median(top.map((s) => s.ms)) / median(bottom.map((s) => s.ms));
  return `${ofMedians.toFixed(3)} (median pair ${median(pairs).toFixed(3)})`;
}
