import { addTotals, noTotals, type UsageTotals } from '../../usage/usage-fields.js';
import type { DayUsage } from '../../usage/create-usage-ledger.js';
import type { KeyUsageBody, UsageTotalsBody } from '../../wire/usage.js';

const encodeTotals = (totals: UsageTotals): UsageTotalsBody => ({
  requests: totals.requests,
  input_tokens: totals.inputTokens,
  output_tokens: totals.outputTokens,
  cache_read_tokens: totals.cacheReadTokens,
  cache_creation_tokens: totals.cacheCreationTokens,
  cost_usd: totals.costUsd ?? null,
  unpriced_requests: totals.unpricedRequests,
});

const byModel = (models: ReadonlyMap<string, UsageTotals>) =>
  [...models].sort(([a], [b]) => a.localeCompare(b)).map(([model, totals]) => ({ model, ...encodeTotals(totals) }));

const sum = (all: Iterable<UsageTotals>) => [...all].reduce(addTotals, noTotals);

/** One key's days → its totals, by model over all days, and by day (each by model). */
export function encodeKeyUsage(keyId: string, days: readonly DayUsage[]): KeyUsageBody {
  const models = new Map<string, UsageTotals>();
  for (const day of days) for (const [model, totals] of day.models) models.set(model, addTotals(models.get(model) ?? noTotals, totals));
  return {
    key_id: keyId,
    totals: encodeTotals(sum(models.values())),
    by_model: byModel(models),
    by_day: days.map((day) => ({ date: day.date, ...encodeTotals(sum(day.models.values())), by_model: byModel(day.models) })),
  };
}
