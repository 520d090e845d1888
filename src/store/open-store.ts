import type { Store as RateLimitStore } from 'express-rate-limit';
import type { Store } from '../core/store.js';
import { createMemoryStore } from './create-memory-store.js';
import { createRedisRateLimitStore } from './create-redis-rate-limit-store.js';
import { connectRedis, createRedisStore } from './create-redis-store.js';

export interface OpenedStore {
  store: Store;
  /** Shared counters for a limit (Redis), one set per key prefix; undefined: each limit counts in memory. */
  limitStore: ((prefix: string) => RateLimitStore) | undefined;
}

/** Redis when `redisUrl` is set (one client for the store and the limits), else memory bounded by `maxBytes`. */
export function openStore({ redisUrl, maxBytes }: { redisUrl: string | undefined; maxBytes: number }): OpenedStore {
  if (redisUrl === undefined) return { store: createMemoryStore({ maxBytes }), limitStore: undefined };
  const client = connectRedis(redisUrl);
  return { store: createRedisStore(client), limitStore: (prefix) => createRedisRateLimitStore(client, prefix) };
}
