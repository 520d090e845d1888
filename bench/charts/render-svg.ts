import * as vega from 'vega';
import { compile, type TopLevelSpec } from 'vega-lite';

/** The font every chart names: Arial's metrics (Liberation Sans is Arial's metric twin on Linux). */
export const chartFont = 'Helvetica, Arial, "Liberation Sans", sans-serif';

interface TextItem {
  fontSize?: number;
  fontWeight?: string | number;
  text?: unknown;
}

/** vega-scenegraph's text measurer, which vega re-exports but does not type. */
const { textMetrics } = vega as unknown as { textMetrics: { width(item: TextItem, text?: unknown): number } };

/**
 * Without a canvas vega guesses 0.8 em per character, about half again as wide as Arial's text, and lays out (and
 * truncates) titles, labels and legends by that guess; this measures at Arial's average instead, a little generous.
 * vega leaves `textMetrics.width` for this (vl-convert replaces it too).
 */
textMetrics.width = (item, text) => {
  const value = text ?? item.text ?? '';
  const length = Array.isArray(value) ? Math.max(0, ...value.map((line) => String(line).length)) : String(value).length;
  const bold = item.fontWeight === 'bold' || Number(item.fontWeight) >= 600;
  return length * (item.fontSize ?? 11) * (bold ? 0.6 : 0.55);
};

/**
 * A Vega-Lite spec as SVG text, headless: the `none` renderer builds the scenegraph without a canvas or a browser,
 * and `toSVG` serialises it.
 */
export async function renderSvg(spec: TopLevelSpec): Promise<string> {
  const view = new vega.View(vega.parse(compile(spec).spec), { renderer: 'none' });
  try {
    return await view.toSVG();
  } finally {
    view.finalize();
  }
}
