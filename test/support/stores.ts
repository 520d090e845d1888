import type { Store } from '../../src/core/store.js';
import { createMemoryStore } from '../../src/store/create-memory-store.js';
import { connectRedis, createRedisStore } from '../../src/store/create-redis-store.js';
import { redisInstalled, startRedis, type RedisUnderTest } from './redis-server.js';

export interface StoreUnderTest {
  store: Store;
  /** The Redis server behind it (undefined for memory). */
  redis: RedisUnderTest | undefined;
  close(): Promise<void>;
}

/**
 * Each adapter by name, for `describe.each`: every store test runs against memory and a real redis-server (each
 * store under its own prefix, so tests in one file share a server without seeing each other's keys).
 */
export const storeKinds = redisInstalled ? (['memory', 'redis'] as const) : (['memory'] as const);
if (!redisInstalled) console.warn('redis-server is not installed: the Redis store tests are skipped (apt-get install redis-server)');

let shared: Promise<RedisUnderTest> | undefined;
let opened = 0;

export async function openStoreUnderTest(kind: 'memory' | 'redis', { ownServer = false } = {}): Promise<StoreUnderTest> {
  if (kind === 'memory') {
    const store = createMemoryStore({ maxBytes: 16 * 1024 * 1024 });
    return { store, redis: undefined, close: () => store.close() };
  }
  const redis = ownServer ? await startRedis() : await (shared ??= startRedis());
  const store = createRedisStore(connectRedis(redis.url), { prefix: `test${opened++}:` });
  await waitUntilReady(store);
  return { store, redis, close: async () => (await store.close(), ownServer ? await redis.stop() : undefined) };
}

export async function waitUntilReady(store: Store, withinMs = 10_000): Promise<void> {
  for (const until = Date.now() + withinMs; !(await store.status()).available; await new Promise((resolve) => setTimeout(resolve, 50))) {
    if (Date.now() > until) throw new Error('the store did not become available');
  }
}

/** Stops the file's shared redis-server (afterAll). */
export async function stopSharedRedis(): Promise<void> {
  await (await shared)?.stop();
  shared = undefined;
}

/**
 * In a `describe.each(storeKinds)` body: a fresh store of `kind` for each test (closed after it), the file's shared
 * redis-server stopped after the last. Read `.store` inside tests and hooks only.
 */
export function storeForEachTest(kind: 'memory' | 'redis'): { readonly store: Store } {
  let under: StoreUnderTest | undefined;
  beforeEach(async () => {
    under = await openStoreUnderTest(kind);
  });
  afterEach(() => under?.close());
  afterAll(() => stopSharedRedis());
  return {
    get store() {
      if (under === undefined) throw new Error('the store is open only inside a test');
      return under.store;
    },
  };
}
