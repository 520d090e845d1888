import type { UsageRecord } from './create-usage-ledger.js';

/** One model's (or a day's, or a key's) totals. */
export interface UsageTotals {
  requests: number;
  inputTokens: number;
  outputTokens: number;
  cacheReadTokens: number;
  cacheCreationTokens: number;
  /** The known costs added up; undefined when none was known. */
  costUsd: number | undefined;
  /** Requests whose cost was not known, so not in `costUsd`. */
  unpricedRequests: number;
}

/** Costs are kept in whole nano-dollars: the store's counters are integers, so increments stay exact and atomic. */
const nanoUsd = 1e9;

const counters = ['requests', 'input', 'output', 'cache_read', 'cache_creation', 'cost_nusd', 'unpriced'] as const;
type Counter = (typeof counters)[number];
const countOf: Record<Exclude<Counter, 'cost_nusd'>, Exclude<keyof UsageTotals, 'costUsd'>> = {
  requests: 'requests',
  input: 'inputTokens',
  output: 'outputTokens',
  cache_read: 'cacheReadTokens',
  cache_creation: 'cacheCreationTokens',
  unpriced: 'unpricedRequests',
};

/** A run's record as counter fields, `<counter>:<model>` (a counter's name has no ':', a model's may). */
export function encodeUsageFields(entry: UsageRecord): Record<string, number> {
  const values: Record<Counter, number | undefined> = {
    requests: entry.requests,
    input: entry.usage.inputTokens,
    output: entry.usage.outputTokens,
    cache_read: entry.usage.cacheReadTokens,
    cache_creation: entry.usage.cacheCreationTokens,
    // Only a known cost makes the field: its absence is how "unknown" is told from 0.
    cost_nusd: entry.costUsd === undefined ? undefined : Math.round(entry.costUsd * nanoUsd),
    unpriced: entry.unpriced,
  };
  return Object.fromEntries(Object.entries(values).filter(([, value]) => value !== undefined).map(([counter, value]) => [`${counter}:${entry.model}`, value!]));
}

export const noTotals: UsageTotals = { requests: 0, inputTokens: 0, outputTokens: 0, cacheReadTokens: 0, cacheCreationTokens: 0, costUsd: undefined, unpricedRequests: 0 };

export function addTotals(a: UsageTotals, b: UsageTotals): UsageTotals {
  return {
    requests: a.requests + b.requests,
    inputTokens: a.inputTokens + b.inputTokens,
    outputTokens: a.outputTokens + b.outputTokens,
    cacheReadTokens: a.cacheReadTokens + b.cacheReadTokens,
    cacheCreationTokens: a.cacheCreationTokens + b.cacheCreationTokens,
    costUsd: a.costUsd === undefined && b.costUsd === undefined ? undefined : (a.costUsd ?? 0) + (b.costUsd ?? 0),
    unpricedRequests: a.unpricedRequests + b.unpricedRequests,
  };
}

/** A day's counter fields → totals by model; fields this version does not know are skipped. */
export function decodeUsageFields(fields: Readonly<Record<string, number>>): Map<string, UsageTotals> {
  const models = new Map<string, UsageTotals>();
  for (const [field, value] of Object.entries(fields)) {
    const at = field.indexOf(':');
    const counter = field.slice(0, at) as Counter;
    const model = field.slice(at + 1);
    if (at < 0 || !counters.includes(counter)) continue;
    const totals = { ...(models.get(model) ?? noTotals) };
    if (counter === 'cost_nusd') totals.costUsd = (totals.costUsd ?? 0) + value / nanoUsd;
    else totals[countOf[counter]] += value;
    models.set(model, totals);
  }
  return models;
}
