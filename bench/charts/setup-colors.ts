import type { Setup } from '../figures.js';

/** One colour per setup in every chart (Tableau 10, vega's default scheme), so a reader can carry it across them. */
export const setupColors: Record<Setup, string> = {
  'direct claude -p': '#4c78a8',
  'gateway, pool off': '#f58518',
  'gateway, pool on': '#54a24b',
};
