import request from 'supertest';
import { connectRedis } from '../../src/store/create-redis-store.js';
import { createRedisRateLimitStore } from '../../src/store/create-redis-rate-limit-store.js';
import { createTestApp } from '../support/create-test-app.js';
import { createFakeBackend } from '../support/fake-backend.js';
import { redisInstalled, startRedis, type RedisUnderTest } from '../support/redis-server.js';

/** The failed-key count shared through Redis, as replicas with API_KEYS and REDIS_URL run it. */
(redisInstalled ? describe : describe.skip)('failed-auth throttling in Redis', () => {
  let redis: RedisUnderTest;
  let client: ReturnType<typeof connectRedis>;
  beforeAll(async () => {
    redis = await startRedis();
    client = connectRedis(redis.url);
    await new Promise((resolve) => client.once('ready', resolve));
  });
  afterAll(async () => {
    client.disconnect();
    await redis.stop();
  });

  test('an address with no failures yet is served; past the limit it gets 429, on every replica', async () => {
    const replica = () => createTestApp(createFakeBackend().backend, { apiKeys: ['right'], authFailuresPerMinute: 3, limitStore: (prefix) => createRedisRateLimitStore(client, prefix) });
    const [first, second] = [replica(), replica()];
    await request(first).get('/v1/models').set('x-api-key', 'right').expect(200);
    for (let i = 0; i < 3; i += 1) await request(i % 2 ? first : second).get('/v1/models').set('x-api-key', `wrong-${i}`).expect(401);
    const refused = await request(second).get('/v1/models').set('x-api-key', 'right').expect(429);
    expect(refused.body.error.code).toBe('rate_limited');
    await request(first).get('/v1/models').set('x-api-key', 'right').expect(429);
  });
});
