import type { TopLevelSpec } from 'vega-lite';
import type { LatencyMeasure, LatencySample, Setup } from '../figures.js';
import { distributionSpec } from './distribution-spec.js';
import { latencyRatio } from './latency-ratio.js';
import { setupColors } from './setup-colors.js';

const panels: Partial<Record<LatencyMeasure, string>> = {
  'first content': 'streaming: time to first content',
  complete: 'non-streaming: time to the whole answer',
};
const setups: Setup[] = ['direct claude -p', 'gateway, pool off'];

/** Per-request latency of the gateway (pool off, so every request starts its CLI) beside `claude -p` run directly. */
export function latencyChart(samples: readonly LatencySample[], caption: string): TopLevelSpec {
  const shown = samples.filter((s) => setups.includes(s.setup) && s.measure in panels);
  const ratio = (measure: LatencyMeasure) => latencyRatio(samples, measure, 'gateway, pool off', 'direct claude -p');
  return distributionSpec({
    title: 'Per-request latency: the gateway (CLI pool off) vs claude -p run directly',
    subtitle: [
      `gateway ÷ direct, ratio of medians: first content ${ratio('first content')}, whole answer ${ratio('complete')}`,
      'the same request, interleaved, against a fake Anthropic API on 127.0.0.1',
      `${caption} · a shared, noisy machine: compare the ratios, not the milliseconds`,
    ],
    series: setups,
    colors: setups.map((setup) => setupColors[setup]),
    panels: Object.values(panels),
    samples: shown.map((s) => ({ series: s.setup, panel: panels[s.measure]!, ms: s.ms })),
    axisTitle: 'time from sending the request (ms)',
    zero: false,
  });
}
