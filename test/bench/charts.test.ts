import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { firstContentChart } from '../../bench/charts/first-content-chart.js';
import { latencyChart } from '../../bench/charts/latency-chart.js';
import { renderSvg } from '../../bench/charts/render-svg.js';
import { saturationChart } from '../../bench/charts/saturation-chart.js';
import type { LatencyMeasure, LatencySample, SaturationTally, Setup } from '../../bench/figures.js';

const caption = '2026-12-02 · claude 2.1.197 · 2 × Test CPU, 24 GiB, Linux 6 · Node v20';

/** Five rounds of each setup and measure: `ms` of round 0, 1, …; pool off is not round for round 870 ÷ 860 of direct. */
const rounds: Array<[Setup, number[]]> = [
  ['direct claude -p', [860, 870, 850, 885, 855]],
  ['gateway, pool off', [860, 870, 890, 895, 875]],
  ['gateway, pool on', [85, 95, 75, 110, 80]],
];
const samples: LatencySample[] = rounds.flatMap(([setup, times]) =>
  (['first content', 'first content, max_tokens', 'complete'] as LatencyMeasure[]).flatMap((measure) => times.map((ms, round) => ({ setup, measure, round, ms }))),
);

const tallies: SaturationTally[] = [1, 4, 8].flatMap((clients) =>
  (['gateway, pool off', 'gateway, pool on'] as Setup[]).map((setup, i) => ({ clients, setup, requests: 20 + i * 5, failed: 0, seconds: 20, cpu: 20, latencies: [900 * clients, 950 * clients, 1000 * clients] })),
);

/** Every piece of text the SVG shows, in document order. */
async function textsOf(svg: string): Promise<string[]> {
  expect(XMLValidator.validate(svg)).toBe(true);
  const texts: string[] = [];
  const walk = (node: unknown): void => {
    if (typeof node === 'string' || typeof node === 'number') texts.push(String(node));
    else if (Array.isArray(node)) node.forEach(walk);
    else if (node && typeof node === 'object') Object.entries(node).forEach(([key, value]) => key.startsWith('@_') || walk(value));
  };
  const document = new XMLParser({ ignoreAttributes: false, preserveOrder: true }).parse(svg) as unknown;
  walk(document);
  expect(JSON.stringify(document).startsWith('[{"svg"')).toBe(true);
  return texts;
}

describe('benchmark charts', () => {
  test('latency: gateway (pool off) vs direct, both measures, the ratio and the caption', async () => {
    const texts = await textsOf(await renderSvg(latencyChart(samples, caption)));
    expect(texts).toEqual(expect.arrayContaining(['direct claude -p', 'gateway, pool off', 'time from sending the request (ms)', 'streaming: time to first content', 'non-streaming: time to the whole answer']));
    expect(texts).not.toContain('gateway, pool on');
    // medians 875 ÷ 860; round by round 1, 1, 890 ÷ 850, 895 ÷ 885, 875 ÷ 855, whose median is 1.0113
    expect(texts.join('\n')).toContain('first content 1.017 (median pair 1.011), whole answer 1.017 (median pair 1.011)');
    expect(texts.join('\n')).toContain(caption);
  });

  test('first content: direct, pool off and pool on, plain and with max_tokens', async () => {
    const texts = await textsOf(await renderSvg(firstContentChart(samples, caption)));
    expect(texts).toEqual(expect.arrayContaining(['direct claude -p', 'gateway, pool off', 'gateway, pool on', 'time from sending the request to its first content (ms)']));
    expect(texts.join('\n')).toContain('Time to first content with and without the warm CLI pool');
    expect(texts.join('\n')).toContain('ratio of medians: 0.099 (median pair 0.099)'); // 85 ÷ 860; 85 ÷ 860 in round 0
  });

  test('saturation: a line per setup over the client counts, in three panels with their units', async () => {
    const texts = await textsOf(await renderSvg(saturationChart(tallies, caption, 4)));
    expect(texts).toEqual(
      expect.arrayContaining([
        'gateway, pool off',
        'gateway, pool on',
        'throughput (requests per second)',
        'latency (ms): median and quartiles',
        'CPU per request (s)',
        'clients sending back to back (MAX_CONCURRENCY 4)',
        '1',
        '4',
        '8',
      ]),
    );
    expect(texts.join('\n')).toContain(caption);
  });
});
