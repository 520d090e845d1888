import { once } from 'node:events';
import { request as httpRequest } from 'node:http';
import type { AddressInfo } from 'node:net';
import request from 'supertest';
import { GatewayError } from '../../src/core/errors.js';
import { createSessions } from '../../src/sessions/create-sessions.js';
import type { SessionSettings } from '../../src/sessions/sessions.js';
import { createTestApp } from '../support/create-test-app.js';
import { finishEvent, textBlock } from '../support/events.js';
import { createFakeBackend, type FakeRun } from '../support/fake-backend.js';
import { sessionApp, sessionSettings as settings, texts } from '../support/session-app.js';
import { storeForEachTest, storeKinds } from '../support/stores.js';

describe.each(storeKinds)('session limits and store failures on the %s store', (kind) => {
  const under = storeForEachTest(kind);
  const setup = (runs?: FakeRun[], overrides?: Partial<SessionSettings>, apiKeys?: string[]) => sessionApp(under.store, runs, overrides, apiKeys);

  test('caps: the oldest exchanges go past the message cap; past the sessions cap a new one is refused', async () => {
    const { app, requests } = setup([], { maxMessages: 4, maxPerOwner: 2 });
    for (const content of ['one', 'two', 'three']) {
      await request(app).post('/v1/chat/completions').send({ session_id: 'capped', messages: [{ role: 'user', content }] }).expect(200);
    }
    await request(app).post('/v1/chat/completions').send({ session_id: 'capped', messages: [{ role: 'user', content: 'four' }] }).expect(200);
    expect(texts(requests[3]!)).toEqual(['user: two', 'assistant: answer 2', 'user: three', 'assistant: answer 3', 'user: four']);
    await request(app).post('/v1/sessions').expect(201);
    const refused = await request(app).post('/v1/chat/completions').send({ session_id: 'third', messages: [{ role: 'user', content: 'x' }] }).expect(409);
    expect(refused.body.error.message).toContain('SESSION_MAX_PER_KEY');
    await request(app).post('/v1/sessions').expect(409);
  });

  test('sessions started at once never pass the per-key cap; a first request that fails gives its place back', async () => {
    const { app } = setup(
      [
        { error: new GatewayError('upstream_overloaded', 'busy') },
        ...Array.from({ length: 6 }, (): FakeRun => ({ events: [...textBlock('slow'), finishEvent()], delayMs: 100 })),
      ],
      { maxPerOwner: 2 },
    );
    const send = (id: string) => request(app).post('/v1/chat/completions').send({ session_id: id, messages: [{ role: 'user', content: 'x' }] });
    await send('failed').expect(503);
    const statuses = await Promise.all(['a', 'b', 'c', 'd', 'e'].map(async (id) => (await send(id)).status));
    expect(statuses.filter((status) => status === 200)).toHaveLength(2);
    expect(statuses.filter((status) => status === 409)).toHaveLength(3);
    expect((await request(app).get('/v1/sessions').expect(200)).body.data).toHaveLength(2);
  });

  test("a new session whose save fails gives its place back", async () => {
    const { backend } = createFakeBackend(() => ({ events: [...textBlock('ok'), finishEvent()] }));
    let failSaves = 2;
    const store = {
      ...under.store,
      write: async (writes: Parameters<typeof under.store.write>[0]) => {
        if (writes.some((write) => write.op === 'set') && failSaves-- > 0) throw new GatewayError('store_unavailable', 'down');
        return under.store.write(writes);
      },
    };
    const app = createTestApp(backend, { store, sessions: createSessions(store, { ...settings, maxPerOwner: 1 }) });
    await request(app).post('/v1/chat/completions').send({ session_id: 'unsaved', messages: [{ role: 'user', content: 'x' }] }).expect(503);
    await request(app).post('/v1/sessions').expect(503);
    await request(app).post('/v1/chat/completions').send({ session_id: 'saved', messages: [{ role: 'user', content: 'y' }] }).expect(200);
    expect((await request(app).get('/v1/sessions').expect(200)).body.data.map((session: { id: string }) => session.id)).toEqual(['saved']);
  });

  test('DELETE and clear while a request is answering are 409s, not undone by its answer', async () => {
    const { app } = setup([{ events: [...textBlock('slow'), finishEvent()], delayMs: 300 }]);
    const running = request(app).post('/v1/chat/completions').send({ session_id: 'held', messages: [{ role: 'user', content: 'a' }] });
    const during = new Promise((resolve) => setTimeout(resolve, 150)).then(async () => [
      (await request(app).delete('/v1/sessions/held')).status,
      (await request(app).post('/v1/sessions/held/clear')).status,
    ]);
    const [answered, statuses] = await Promise.all([running, during]);
    expect([answered.status, statuses]).toEqual([200, [409, 409]]);
    expect((await request(app).get('/v1/sessions/held').expect(200)).body.messages).toBe(2);
  });

  test('a store failing right after the claim leaves the session free, and a client leaving during the claim too', async () => {
    const { backend } = createFakeBackend(() => ({ events: [...textBlock('ok'), finishEvent()] }));
    let failReads = 1;
    let slowClaims = 0;
    const store = {
      ...under.store,
      get: async (key: string) => {
        if (failReads-- > 0) throw new GatewayError('store_unavailable', 'down');
        return under.store.get(key);
      },
      claim: async (key: string, ttlMs: number) => {
        if (slowClaims-- > 0) await new Promise((resolve) => setTimeout(resolve, 300));
        return under.store.claim(key, ttlMs);
      },
    };
    const app = createTestApp(backend, { store, sessions: createSessions(store, settings) });
    const send = () => request(app).post('/v1/chat/completions').send({ session_id: 'flaky', messages: [{ role: 'user', content: 'x' }] });
    await send().expect(503);
    await send().expect(200);
    slowClaims = 1;
    const server = app.listen(0, '127.0.0.1');
    await once(server, 'listening');
    const leaving = httpRequest({ port: (server.address() as AddressInfo).port, method: 'POST', path: '/v1/chat/completions', headers: { 'content-type': 'application/json' } });
    leaving.on('error', () => undefined);
    leaving.end(JSON.stringify({ session_id: 'flaky', messages: [{ role: 'user', content: 'bye' }] }));
    await new Promise((resolve) => setTimeout(resolve, 100));
    leaving.destroy(); // while the session is being claimed
    await new Promise((resolve) => setTimeout(resolve, 400));
    server.close();
    await send().expect(200);
  });
});
