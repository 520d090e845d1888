import type { Logger } from 'pino';
import type { Usage } from '../core/model-event.js';
import type { Store } from '../core/store.js';
import { decodeUsageFields, encodeUsageFields, type UsageTotals } from './usage-fields.js';

/** What one finished request adds to its owner's totals (its choices, `n`, summed into one entry). */
export interface UsageRecord {
  /** `<provider>/<model>`: what answered. */
  model: string;
  usage: Usage;
  /** Undefined: the backend did not say (a routed model without a price). */
  costUsd: number | undefined;
  /** Requests counted: 1. */
  requests: number;
  /** 1 when the cost of one of its runs is not known (`costUsd` then sums the known ones), else 0. */
  unpriced: number;
}

/** One owner's usage on one UTC day, by model. */
export interface DayUsage {
  date: string;
  models: ReadonlyMap<string, UsageTotals>;
}

export interface UsageLedger {
  /** Adds to the owner's totals for today; a store that fails is logged, never the request's failure. */
  record(owner: string, entry: UsageRecord): Promise<void>;
  /** The owner's days within the retention, oldest first. */
  read(owner: string): Promise<DayUsage[]>;
  /** Every owner with usage within the retention. */
  owners(): Promise<string[]>;
  readonly retentionDays: number;
}

const dayMs = 86_400_000;
const ownersKey = 'usage:owners';
const daysKey = (owner: string) => `usage:days:${owner}`;
const dayKey = (owner: string, date: string) => `usage:${owner}:${date}`;

/**
 * Usage per owner (an API key's id) and UTC day, in the store: one counters hash per owner and day (atomic
 * increments, so replicas sharing Redis add up), an index of each owner's days and one of the owners. Everything
 * expires `retentionDays` after its last write; reads leave out days older than that.
 */
export function createUsageLedger(store: Store, { retentionDays, logger, now = Date.now }: { retentionDays: number; logger: Pick<Logger, 'warn'>; now?: () => number }): UsageLedger {
  const ttlMs = retentionDays * dayMs;
  /** The first day still reported: today and the retentionDays - 1 before it. */
  const firstDay = () => Math.floor(now() / dayMs) * dayMs - (retentionDays - 1) * dayMs;
  return {
    retentionDays,
    async record(owner, entry) {
      const date = new Date(now()).toISOString().slice(0, 10);
      try {
        await store.write([
          { op: 'increment', key: dayKey(owner, date), fields: encodeUsageFields(entry), ttlMs },
          { op: 'index', key: daysKey(owner), member: date, score: Date.parse(date), ttlMs },
          { op: 'index', key: ownersKey, member: owner, score: now(), ttlMs },
        ]);
      } catch (error) {
        logger.warn({ err: error instanceof Error ? error.message : String(error), owner }, 'usage not recorded');
      }
    },
    async read(owner) {
      const from = firstDay();
      const dates = (await store.members(daysKey(owner))).filter((day) => day.score >= from).map((day) => day.member).sort();
      const days = await Promise.all(dates.map(async (date) => ({ date, models: decodeUsageFields(await store.counters(dayKey(owner, date))) })));
      return days.filter((day) => day.models.size > 0);
    },
    async owners() {
      const from = firstDay();
      return (await store.members(ownersKey)).filter((entry) => entry.score >= from).map((entry) => entry.member).sort();
    },
  };
}
