import { storeUnavailable, type Store } from '../../src/core/store.js';
import { createMemoryStore } from '../../src/store/create-memory-store.js';
import { createUsageLedger, type UsageRecord } from '../../src/usage/create-usage-ledger.js';
import { someUsage } from '../support/events.js';
import { storeForEachTest, storeKinds } from '../support/stores.js';

const day = 86_400_000;
const start = Date.parse('2026-03-01T23:00:00Z');
const run = (model: string, costUsd: number | undefined, requests = 1): UsageRecord => ({ model, usage: someUsage, costUsd, requests, unpriced: costUsd === undefined ? requests : 0 });
const quiet = { warn: () => undefined };

describe.each(storeKinds)('the usage ledger on the %s store', (kind) => {
  const under = storeForEachTest(kind);

  test('adds runs up by owner, UTC day and model; a cost is exact to the nano-dollar, an unknown one stays unknown', async () => {
    let now = start;
    const ledger = createUsageLedger(under.store, { retentionDays: 90, logger: quiet, now: () => now });
    await Promise.all([ledger.record('a', run('claude-cli/sonnet', 0.1)), ledger.record('a', run('claude-cli/sonnet', 0.2, 0)), ledger.record('a', run('p/m', undefined))]);
    now += 2 * 3_600_000; // past midnight UTC: a new day
    await ledger.record('a', run('claude-cli/sonnet', 0.000_000_001));
    await ledger.record('b', run('p/m', undefined));

    const days = await ledger.read('a');
    expect(days.map((d) => [d.date, Object.fromEntries(d.models)])).toEqual([
      [
        '2026-03-01',
        {
          'claude-cli/sonnet': { requests: 1, inputTokens: 20, outputTokens: 6, cacheReadTokens: 8, cacheCreationTokens: 2, costUsd: expect.closeTo(0.3, 12), unpricedRequests: 0 },
          'p/m': { requests: 1, inputTokens: 10, outputTokens: 3, cacheReadTokens: 4, cacheCreationTokens: 1, costUsd: undefined, unpricedRequests: 1 },
        },
      ],
      ['2026-03-02', { 'claude-cli/sonnet': { requests: 1, inputTokens: 10, outputTokens: 3, cacheReadTokens: 4, cacheCreationTokens: 1, costUsd: 1e-9, unpricedRequests: 0 } }],
    ]);
    expect(await ledger.owners()).toEqual(['a', 'b']);
    expect((await ledger.read('b')).map((d) => d.date)).toEqual(['2026-03-02']);
    expect(await ledger.read('nobody')).toEqual([]);
  });

  test('reports the last retentionDays days, today included', async () => {
    let now = start;
    const ledger = createUsageLedger(under.store, { retentionDays: 3, logger: quiet, now: () => now });
    await ledger.record('a', run('m/x', 1));
    now += 2 * day;
    await ledger.record('a', run('m/x', 2));
    expect((await ledger.read('a')).map((d) => d.date)).toEqual(['2026-03-01', '2026-03-03']);
    now += day; // 2026-03-04: March 1st is four days back
    expect((await ledger.read('a')).map((d) => d.date)).toEqual(['2026-03-03']);
    now += 3 * day;
    expect(await ledger.read('a')).toEqual([]);
    expect(await ledger.owners()).toEqual([]);
  });
});

test('a store that fails loses the record, says so in the log, and never fails the request', async () => {
  const broken: Store = { ...createMemoryStore({ maxBytes: 1024 }), write: async () => Promise.reject(storeUnavailable('down')) };
  const warned: unknown[] = [];
  const ledger = createUsageLedger(broken, { retentionDays: 90, logger: { warn: (...args: unknown[]) => void warned.push(args) } });
  await expect(ledger.record('a', run('m/x', 1))).resolves.toBeUndefined();
  expect(warned).toEqual([[{ err: expect.stringContaining('Redis store'), owner: 'a' }, 'usage not recorded']]);
});
