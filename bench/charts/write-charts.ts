import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { TopLevelSpec } from 'vega-lite';
import { renderSvg } from './render-svg.js';

/** One chart of a section: `name` is the file's name in docs/charts, without `.svg`. */
export interface Chart {
  name: string;
  spec: TopLevelSpec;
}

/** Renders each chart and writes it as `<dir>/<name>.svg`; the paths written. */
export async function writeCharts(charts: readonly Chart[], dir = 'docs/charts'): Promise<string[]> {
  await mkdir(dir, { recursive: true });
  const written: string[] = [];
  for (const chart of charts) {
    const path = join(dir, `${chart.name}.svg`);
    await writeFile(path, `${await renderSvg(chart.spec)}\n`);
    written.push(path);
  }
  return written;
}
