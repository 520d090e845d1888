import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { storeUnavailable, type Store, type StoreWrite } from '../core/store.js';

/** Deletes the key only if it still holds the caller's token. */
const releaseScript = "if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) else return 0 end";

/**
 * One Redis client for everything shared between replicas. Commands fail at once while Redis is away (no offline
 * queue: a request gets its 503 now rather than hanging), and the client keeps reconnecting, so the gateway recovers
 * by itself when Redis returns.
 */
export function connectRedis(url: string): Redis {
  const client = new Redis(url, {
    enableOfflineQueue: false,
    maxRetriesPerRequest: 1,
    connectTimeout: 2000,
    commandTimeout: 2000,
    retryStrategy: (attempt) => Math.min(attempt * 200, 2000),
    lazyConnect: false,
  });
  client.on('error', () => undefined); // reported through status() and each command's own failure
  return client;
}

/** The store in Redis: keys under `prefix`, writes in MULTI transactions, every key expiring. */
export function createRedisStore(client: Redis, { prefix = 'ccg:' }: { prefix?: string } = {}): Store {
  const at = (key: string) => prefix + key;
  const call = async <T>(run: () => Promise<T>): Promise<T> => {
    try {
      return await run();
    } catch (error) {
      throw storeUnavailable(error instanceof Error ? error.message : String(error), error);
    }
  };
  const queue = (multi: ReturnType<Redis['multi']>, write: StoreWrite) => {
    switch (write.op) {
      case 'set':
        return multi.set(at(write.key), write.value, 'PX', write.ttlMs);
      case 'delete':
        return multi.del(at(write.key));
      case 'index':
        return multi.zadd(at(write.key), write.score, write.member).pexpire(at(write.key), write.ttlMs);
      case 'unindex':
        return multi.zrem(at(write.key), write.member);
      case 'increment':
        for (const [field, by] of Object.entries(write.fields)) multi.hincrby(at(write.key), field, by);
        return multi.pexpire(at(write.key), write.ttlMs);
    }
  };
  return {
    kind: 'redis',
    get: (key) => call(async () => (await client.get(at(key))) ?? undefined),
    write: (writes) =>
      call(async () => {
        const multi = client.multi();
        for (const write of writes) queue(multi, write);
        const results = await multi.exec();
        const failed = results?.find(([error]) => error);
        if (results === null || failed) throw failed?.[0] ?? new Error('transaction aborted');
      }),
    claim: (key, ttlMs) =>
      call(async () => {
        const token = randomUUID();
        return (await client.set(at(key), token, 'PX', ttlMs, 'NX')) === 'OK' ? token : undefined;
      }),
    release: (key, token) => call(async () => void (await client.eval(releaseScript, 1, at(key), token))),
    members: (key) =>
      call(async () => {
        const flat = await client.zrevrange(at(key), 0, -1, 'WITHSCORES');
        const entries = [];
        for (let i = 0; i < flat.length; i += 2) entries.push({ member: flat[i]!, score: Number(flat[i + 1]) });
        return entries;
      }),
    counters: (key) =>
      call(async () => Object.fromEntries(Object.entries(await client.hgetall(at(key))).map(([field, value]) => [field, Number(value)]))),
    status: async () => {
      if (client.status !== 'ready') return { available: false, problem: `Redis is ${client.status} (REDIS_URL).` };
      try {
        await client.ping();
        return { available: true, problem: undefined };
      } catch (error) {
        return { available: false, problem: `Redis does not answer: ${error instanceof Error ? error.message : String(error)}` };
      }
    },
    close: async () => void (await client.quit().catch(() => client.disconnect())),
  };
}
