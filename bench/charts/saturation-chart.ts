import type { TopLevelSpec } from 'vega-lite';
import { quantile, type SaturationTally, type Setup } from '../figures.js';
import { chartFont } from './render-svg.js';
import { setupColors } from './setup-colors.js';

const setups: Setup[] = ['gateway, pool off', 'gateway, pool on'];

/**
 * Throughput, latency and CPU per request as the number of back-to-back clients grows, a line per setup. The latency
 * panel draws the median of every request with a band from its first to its third quartile, taken as the table takes
 * its median.
 */
export function saturationChart(tallies: readonly SaturationTally[], caption: string, maxConcurrency: number): TopLevelSpec {
  const levels = [...new Set(tallies.map((t) => t.clients))].sort((a, b) => a - b);
  const x = {
    field: 'clients',
    type: 'quantitative',
    title: `clients sending back to back (MAX_CONCURRENCY ${maxConcurrency})`,
    scale: { type: 'log', base: 2, domain: [levels[0]!, levels.at(-1)!] as number[], nice: false },
    axis: { values: levels, format: 'd', grid: false },
  } as const;
  const color = { field: 'setup', type: 'nominal', sort: setups, scale: { domain: setups, range: setups.map((setup) => setupColors[setup]) }, title: 'setup', legend: { orient: 'bottom', direction: 'horizontal' } } as const;
  const summary = tallies.map((t) => ({
    clients: t.clients,
    setup: t.setup,
    rate: t.requests / t.seconds,
    cpu: t.cpu / t.requests,
    ...Object.fromEntries(([['q1', 0.25], ['median', 0.5], ['q3', 0.75]] as const).map(([name, q]) => [name, quantile(t.latencies, q)])),
  }));
  const panel = { data: { values: summary }, width: 250, height: 220 } as const;
  const line = (field: string, title: string) => ({
    ...panel,
    mark: { type: 'line', point: true },
    encoding: { x, color, y: { field, type: 'quantitative', title, scale: { zero: true } }, tooltip: { field, format: '.2f' } },
  }) as const;
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title: {
      text: 'The gateway at saturation: throughput, latency and CPU by number of clients, CLI pool off and on',
      subtitle: [`non-streaming requests against a fake Anthropic API on 127.0.0.1; rounds alternate between the two gateways; CPU is the gateway's and its CLIs'`, `${caption} · a shared, noisy machine: compare the ratios, not the values`],
      anchor: 'start',
      subtitleColor: '#555',
      offset: 14,
    },
    hconcat: [
      line('rate', 'throughput (requests per second)'),
      {
        ...panel,
        layer: [
          { mark: { type: 'area', opacity: 0.2 }, encoding: { x, color, y: { field: 'q1', type: 'quantitative', title: 'latency (ms): median and quartiles' }, y2: { field: 'q3' } } },
          { mark: { type: 'line', point: true }, encoding: { x, color, y: { field: 'median', type: 'quantitative' }, tooltip: { field: 'median', format: '.0f' } } },
        ],
      },
      line('cpu', 'CPU per request (s)'),
    ],
    config: { font: chartFont, legend: { labelLimit: 400 } },
  };
}
