import type { TopLevelSpec } from 'vega-lite';
import { chartFont } from './render-svg.js';

export interface DistributionSample {
  /** The legend's entry, one row of each panel. */
  series: string;
  /** The panel (one row of the facet) the sample belongs to. */
  panel: string;
  ms: number;
}

export interface Distribution {
  title: string;
  subtitle: string[];
  /** In the order of the legend and of each panel's rows. */
  series: readonly string[];
  /** The colour of each series, in the same order. */
  colors: readonly string[];
  panels: readonly string[];
  samples: readonly DistributionSample[];
  axisTitle: string;
  /** Whether the axis starts at 0 (for comparing magnitudes) or fits the samples (for comparing spreads). */
  zero: boolean;
}

/**
 * Every sample as a point (jittered within its row so equal times stay visible) over a box of its series' quartiles
 * and range, one panel per measure. The jitter is a fixed sequence, so the same samples make the same SVG.
 */
export function distributionSpec(d: Distribution): TopLevelSpec {
  const values = d.samples.map((sample, i) => ({ ...sample, jitter: (i * 0.618_034) % 1 }));
  const x = { field: 'ms', type: 'quantitative', title: d.axisTitle, scale: { zero: d.zero } } as const;
  const y = { field: 'series', type: 'nominal', sort: [...d.series], title: null, axis: { labelLimit: 200, ticks: false } } as const;
  const color = { field: 'series', type: 'nominal', sort: [...d.series], scale: { domain: [...d.series], range: [...d.colors] }, title: 'setup', legend: { orient: 'bottom', direction: 'vertical', symbolOpacity: 1 } } as const;
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title: { text: d.title, subtitle: d.subtitle, anchor: 'start', subtitleColor: '#555', offset: 10 },
    data: { values },
    facet: {
      row: { field: 'panel', type: 'nominal', sort: [...d.panels], title: null, header: { labelAngle: 0, labelAlign: 'left', labelAnchor: 'start', labelOrient: 'top', labelFontSize: 12, labelFontWeight: 'bold' } },
    },
    spec: {
      width: 620,
      height: { step: 34 },
      layer: [
        { mark: { type: 'boxplot', extent: 'min-max', size: 22, box: { opacity: 0.3 }, median: { color: '#222', strokeWidth: 2 } }, encoding: { x, y, color } },
        {
          mark: { type: 'point', filled: true, size: 22, opacity: 0.75 },
          encoding: { x, y, color, yOffset: { field: 'jitter', type: 'quantitative', scale: { domain: [-1.5, 2.5] } }, tooltip: { field: 'ms', format: '.0f' } },
        },
      ],
    },
    config: { font: chartFont, axis: { grid: true }, legend: { labelLimit: 400 } },
  };
}
