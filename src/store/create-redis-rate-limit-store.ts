import type { Options, Store } from 'express-rate-limit';
import type { Redis } from 'ioredis';
import { RedisStore, type RedisReply } from 'rate-limit-redis';

/**
 * express-rate-limit's counters in Redis under `prefix`, so a limit holds across replicas. rate-limit-redis loads its scripts once, at
 * start: if Redis was not there then, every later call fails the same way. So each time the client (re)connects, and
 * after any failure, calls go to a fresh store, which loads them again: the limit comes back with Redis (while it is
 * away, requests pass).
 */
export function createRedisRateLimitStore(client: Redis, prefix: string): Store {
  const fresh = (options: Options) => {
    const store = new RedisStore({ prefix, sendCommand: (command: string, ...args: string[]) => client.call(command, ...args) as Promise<RedisReply> });
    store.init(options).catch(() => undefined); // reported by the calls that need the scripts
    return store;
  };
  let options: Options | undefined;
  let current: RedisStore;
  client.on('ready', () => void (options && (current = fresh(options)))); // (re)connected: the scripts load now
  const guarded =
    <A extends unknown[], R>(call: (store: RedisStore, ...args: A) => Promise<R>) =>
    async (...args: A): Promise<R> => {
      try {
        return await call(current, ...args);
      } catch (error) {
        if (options) current = fresh(options);
        throw error;
      }
    };
  return {
    prefix,
    init(given) {
      options = given;
      current = fresh(given);
    },
    // rate-limit-redis takes a missing key's nil for `false`; ioredis gives null, which it reads as NaN hits: no count.
    get: guarded(async (store, key: string) => {
      const info = await store.get(key);
      return info === undefined || Number.isNaN(info.totalHits) ? undefined : info;
    }),
    increment: guarded((store, key: string) => store.increment(key)),
    decrement: guarded((store, key: string) => store.decrement(key)),
    resetKey: guarded((store, key: string) => store.resetKey(key)),
  };
}
