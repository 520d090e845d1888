import request from 'supertest';
import { createTestApp } from '../support/create-test-app.js';
import { createFakeBackend, finish } from '../support/fake-backend.js';

describe('2. failed-auth throttling', () => {
  test('wrong keys past the limit get 429 with Retry-After — the right key too, until the window ends', async () => {
    const { backend } = createFakeBackend();
    const app = createTestApp(backend, { apiKeys: ['right'], authFailuresPerMinute: 3 });
    await request(app).get('/v1/models').set('x-api-key', 'right').expect(200); // successes do not count
    for (let i = 0; i < 3; i += 1) await request(app).get('/v1/models').set('x-api-key', `wrong-${i}`).expect(401);
    const refused = await request(app).get('/v1/models').set('x-api-key', 'wrong-3').expect(429);
    expect(refused.body.error.code).toBe('rate_limited');
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
    await request(app).get('/v1/models').set('x-api-key', 'right').expect(429);
  });

  test('successful requests in flight, and successful ones the client aborts, are not failures', async () => {
    const { backend } = createFakeBackend(() => ({ events: finish('slow answer'), delayMs: 150 }));
    const app = createTestApp(backend, { apiKeys: ['right'], authFailuresPerMinute: 3 });
    const server = app.listen(0, '127.0.0.1');
    await new Promise((resolve) => server.once('listening', resolve));
    const url = `http://127.0.0.1:${(server.address() as { port: number }).port}/v1/chat/completions`;
    const ask = (signal?: AbortSignal) =>
      fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', 'x-api-key': 'right' }, body: JSON.stringify({ model: 'sonnet', messages: [{ role: 'user', content: 'Hi' }] }), signal });
    try {
      const statuses = await Promise.all(Array.from({ length: 8 }, () => ask().then((r) => r.status)));
      expect(statuses).toEqual(Array(8).fill(200));
      for (let i = 0; i < 4; i += 1) {
        const controller = new AbortController();
        const pending = ask(controller.signal).catch(() => undefined);
        setTimeout(() => controller.abort(), 30);
        await pending;
      }
      expect((await ask()).status).toBe(200);
    } finally {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    }
  });
});
