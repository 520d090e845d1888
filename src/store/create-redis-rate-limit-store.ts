import type { Redis } from 'ioredis';
import { RedisStore, type RedisReply } from 'rate-limit-redis';

/** express-rate-limit's counters in Redis, so a limit holds across replicas. */
export const createRedisRateLimitStore = (client: Redis) =>
  new RedisStore({ prefix: 'ccg:rate:', sendCommand: (command: string, ...args: string[]) => client.call(command, ...args) as Promise<RedisReply> });
