import { GatewayError } from '../../src/core/errors.js';
import { createMemoryStore } from '../../src/store/create-memory-store.js';
import { openStoreUnderTest, stopSharedRedis, storeKinds, waitUntilReady, type StoreUnderTest } from '../support/stores.js';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe.each(storeKinds)('the %s store', (kind) => {
  let under: StoreUnderTest;
  beforeEach(async () => {
    under = await openStoreUnderTest(kind);
  });
  afterEach(() => under.close());
  afterAll(() => stopSharedRedis());

  test('values are written together, read back, deleted', async () => {
    const { store } = under;
    expect(await store.get('a')).toBeUndefined();
    await store.write([
      { op: 'set', key: 'a', value: '1', ttlMs: 60_000 },
      { op: 'set', key: 'b', value: '2', ttlMs: 60_000 },
    ]);
    expect([await store.get('a'), await store.get('b')]).toEqual(['1', '2']);
    await store.write([{ op: 'delete', key: 'a' }]);
    expect(await store.get('a')).toBeUndefined();
  });

  test('keys expire', async () => {
    await under.store.write([{ op: 'set', key: 'short', value: 'x', ttlMs: 150 }, { op: 'index', key: 'idx', member: 'm', score: 1, ttlMs: 150 }]);
    expect(await under.store.get('short')).toBe('x');
    await sleep(400);
    expect(await under.store.get('short')).toBeUndefined();
    expect(await under.store.members('idx')).toEqual([]);
  });

  test('an index lists members by score, highest first; a member moves when indexed again, and can be removed', async () => {
    const { store } = under;
    await store.write([
      { op: 'index', key: 'i', member: 'old', score: 10, ttlMs: 60_000 },
      { op: 'index', key: 'i', member: 'new', score: 20, ttlMs: 60_000 },
    ]);
    expect(await store.members('i')).toEqual([{ member: 'new', score: 20 }, { member: 'old', score: 10 }]);
    await store.write([{ op: 'index', key: 'i', member: 'old', score: 30, ttlMs: 60_000 }, { op: 'unindex', key: 'i', member: 'new' }]);
    expect(await store.members('i')).toEqual([{ member: 'old', score: 30 }]);
  });

  test('counters add up atomically, together with other writes, and expire', async () => {
    const { store } = under;
    expect(await store.counters('c')).toEqual({});
    await store.write([
      { op: 'increment', key: 'c', fields: { requests: 1, 'tokens:a/b': 20 }, ttlMs: 60_000 },
      { op: 'index', key: 'c-index', member: 'c', score: 1, ttlMs: 60_000 },
    ]);
    // Made together without waiting, as two replicas' requests would be: neither increment is lost.
    await Promise.all([
      store.write([{ op: 'increment', key: 'c', fields: { requests: 1, 'tokens:a/b': 5 }, ttlMs: 60_000 }]),
      store.write([{ op: 'increment', key: 'c', fields: { requests: 1, cost: 7 }, ttlMs: 60_000 }]),
    ]);
    expect(await store.counters('c')).toEqual({ requests: 3, 'tokens:a/b': 25, cost: 7 });
    expect(await store.members('c-index')).toEqual([{ member: 'c', score: 1 }]);
    await store.write([{ op: 'increment', key: 'short', fields: { n: 1 }, ttlMs: 150 }]);
    expect(await store.counters('short')).toEqual({ n: 1 });
    await sleep(400);
    expect(await store.counters('short')).toEqual({});
  });

  test('a claim is held until released with its own token, or until it expires', async () => {
    const { store } = under;
    const token = await store.claim('lock', 60_000);
    expect(token).toEqual(expect.any(String));
    expect(await store.claim('lock', 60_000)).toBeUndefined();
    await store.release('lock', 'not-the-token');
    expect(await store.claim('lock', 60_000)).toBeUndefined();
    await store.release('lock', token!);
    const again = await store.claim('lock', 150);
    expect(again).toEqual(expect.any(String));
    await sleep(400);
    expect(await store.claim('lock', 60_000)).toEqual(expect.any(String));
  });

  test('reports itself available', async () => {
    expect(await under.store.status()).toEqual({ available: true, problem: undefined });
  });
});

describe('the memory store', () => {
  test('stays within its bound in bytes, dropping the least recently written keys first', async () => {
    const kb = 'x'.repeat(512); // 1 KB at two bytes a character
    const store = createMemoryStore({ maxBytes: 3.5 * 1024 });
    for (const key of ['a', 'b', 'c']) await store.write([{ op: 'set', key, value: kb, ttlMs: 60_000 }]);
    await store.write([{ op: 'set', key: 'a', value: kb + '2', ttlMs: 60_000 }]); // a is now the newest
    await store.write([{ op: 'set', key: 'd', value: kb, ttlMs: 60_000 }]);
    expect(await Promise.all(['a', 'b', 'c', 'd'].map(async (key) => (await store.get(key))?.length))).toEqual([513, undefined, 512, 512]);
    const huge = 'y'.repeat(4096);
    await store.write([{ op: 'set', key: 'huge', value: huge, ttlMs: 60_000 }]); // bigger than the bound: everything else goes
    expect(await Promise.all(['a', 'c', 'd', 'huge'].map(async (key) => (await store.get(key))?.length))).toEqual([undefined, undefined, undefined, 4096]);
  });

  test('never evicts a claim: a lock holds however much is written after it', async () => {
    const store = createMemoryStore({ maxBytes: 1024 });
    expect(await store.claim('lock', 60_000)).toEqual(expect.any(String));
    for (let i = 0; i < 10; i += 1) await store.write([{ op: 'set', key: `k${i}`, value: 'z'.repeat(400), ttlMs: 60_000 }]);
    expect(await store.claim('lock', 60_000)).toBeUndefined();
  });
});

(storeKinds.includes('redis' as never) ? describe : describe.skip)('the redis store when Redis goes away', () => {
  test('fails with store_unavailable and reports it, then recovers when Redis is back', async () => {
    const under = await openStoreUnderTest('redis', { ownServer: true });
    try {
      await under.store.write([{ op: 'set', key: 'k', value: 'v', ttlMs: 60_000 }]);
      await under.redis!.stop();
      const error = await under.store.get('k').catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(GatewayError);
      expect(error).toMatchObject({ code: 'store_unavailable', status: 503 });
      expect((await under.store.status()).available).toBe(false);
      await under.redis!.start();
      await waitUntilReady(under.store);
      await under.store.write([{ op: 'set', key: 'k2', value: 'v2', ttlMs: 60_000 }]);
      expect(await under.store.get('k2')).toBe('v2');
    } finally {
      await under.close();
    }
  });
});
