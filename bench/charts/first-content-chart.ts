import type { TopLevelSpec } from 'vega-lite';
import type { LatencyMeasure, LatencySample, Setup } from '../figures.js';
import { distributionSpec } from './distribution-spec.js';
import { setupColors } from './setup-colors.js';
import { latencyRatio } from './latency-ratio.js';

const panels: Partial<Record<LatencyMeasure, string>> = {
  'first content': 'streaming: time to first content',
  'first content, max_tokens': 'the same with max_tokens (run settings a pooled CLI takes on stdin)',
};
const setups: Setup[] = ['direct claude -p', 'gateway, pool off', 'gateway, pool on'];

/** Time to first content with a warm CLI pool (CLI_POOL_SIZE=2) and without, and claude -p run directly. */
export function firstContentChart(samples: readonly LatencySample[], caption: string): TopLevelSpec {
  const shown = samples.filter((s) => s.measure in panels);
  const ratio = (measure: LatencyMeasure) => latencyRatio(samples, measure, 'gateway, pool on', 'direct claude -p');
  return distributionSpec({
    title: 'Time to first content with and without the warm CLI pool',
    subtitle: [
      `pool on (CLI_POOL_SIZE=2) ÷ direct, ratio of medians: ${ratio('first content')}, with max_tokens ${ratio('first content, max_tokens')}`,
      'each request on a settled machine (the refill done), interleaved with the others, against a fake Anthropic API on 127.0.0.1',
      `${caption} · a shared, noisy machine: compare the ratios, not the milliseconds`,
    ],
    series: setups,
    colors: setups.map((setup) => setupColors[setup]),
    panels: Object.values(panels),
    samples: shown.map((s) => ({ series: s.setup, panel: panels[s.measure]!, ms: s.ms })),
    axisTitle: 'time from sending the request to its first content (ms)',
    zero: true,
  });
}
