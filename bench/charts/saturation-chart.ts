import type { TopLevelSpec } from 'vega-lite';
import { chartFont } from './render-svg.js';
import { setupColors } from './setup-colors.js';
import type { SaturationTally, Setup } from '../figures.js';

const setups: Setup[] = ['gateway, pool off', 'gateway, pool on'];

/**
 * Throughput, latency and CPU per request as the number of back-to-back clients grows, a line per setup. The latency
 * panel draws the median of every request with a band from its first to its third quartile.
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
  const summary = tallies.map((t) => ({ clients: t.clients, setup: t.setup, rate: t.requests / t.seconds, cpu: t.cpu / t.requests }));
  const line = (field: string, title: string, format: string) => ({
    data: { values: summary },
    width: 250,
    height: 220,
    mark: { type: 'line', point: true },
    encoding: { x, color, y: { field, type: 'quantitative', title, scale: { zero: true } }, tooltip: { field, format } },
  }) as const;
  const latencies = tallies.flatMap((t) => t.latencies.map((ms) => ({ clients: t.clients, setup: t.setup, ms })));
  const y = { field: 'ms', type: 'quantitative', title: 'latency (ms): median and quartiles', scale: { zero: true } } as const;
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title: {
      text: 'The gateway at saturation: throughput, latency and CPU by number of clients, CLI pool off and on',
      subtitle: [`non-streaming requests against a fake Anthropic API on 127.0.0.1; rounds alternate between the two gateways; CPU is the gateway's and its CLIs'`, `${caption} · a shared, noisy machine: compare the ratios, not the values`],
      anchor: 'start',
      subtitleColor: '#555',
    },
    hconcat: [
      line('rate', 'throughput (requests per second)', '.2f'),
      {
        data: { values: latencies },
        width: 250,
        height: 220,
        layer: [
          { mark: { type: 'errorband', extent: 'iqr', opacity: 0.2 }, encoding: { x, color, y } },
          { mark: { type: 'line', point: true }, encoding: { x, color, y: { ...y, aggregate: 'median' } } },
        ],
      },
      line('cpu', 'CPU per request (s)', '.2f'),
    ],
    config: { font: chartFont, legend: { labelLimit: 400 } },
  };
}
