import { once } from 'node:events';
import { request as httpRequest } from 'node:http';
import type { AddressInfo } from 'node:net';
import request from 'supertest';
import { GatewayError } from '../../src/core/errors.js';
import type { SessionSettings } from '../../src/sessions/sessions.js';
import { sessionApp, texts } from '../support/session-app.js';
import { finishEvent, textBlock, toolCallBlock } from '../support/events.js';
import type { FakeRun } from '../support/fake-backend.js';
import { storeForEachTest, storeKinds } from '../support/stores.js';

describe.each(storeKinds)('sessions on the %s store', (kind) => {
  const under = storeForEachTest(kind);

  const setup = (runs?: FakeRun[], overrides?: Partial<SessionSettings>, apiKeys?: string[]) => sessionApp(under.store, runs, overrides, apiKeys);

  test('chat completions: a session keeps the conversation, the client sends only its new messages', async () => {
    const { app, requests } = setup();
    const ask = (content: string, extra: object = {}) =>
      request(app).post('/v1/chat/completions').send({ model: 'sonnet', session_id: 'chat-1', messages: [{ role: 'user', content }], ...extra }).expect(200);
    await ask('first');
    const streamed = await ask('second', { stream: true });
    expect(streamed.text).toContain('answer 2');
    await ask('third');
    expect(texts(requests[2]!)).toEqual(['user: first', 'assistant: answer 1', 'user: second', 'assistant: answer 2', 'user: third']);
  });

  test('/v1/messages: the same, with the system prompt kept until a request brings its own', async () => {
    const { app, requests } = setup();
    const ask = (content: string, system?: string) =>
      request(app).post('/v1/messages').send({ model: 'sonnet', max_tokens: 100, session_id: 'm-1', messages: [{ role: 'user', content }], ...(system ? { system } : {}) }).expect(200);
    await ask('hi', 'Be brief.');
    await ask('again');
    expect(requests[1]!.system).toBe('Be brief.');
    expect(texts(requests[1]!)).toEqual(['user: hi', 'assistant: answer 1', 'user: again']);
    await ask('new rules', 'Be verbose.');
    expect(requests[2]!.system).toBe('Be verbose.');
  });

  test('a tool call in the history is answered by the next request', async () => {
    const { app, requests } = setup([{ events: [...toolCallBlock('call_1', 'weather', ['{"city":"Rome"}']), finishEvent('tool-calls')] }]);
    const tools = [{ type: 'function', function: { name: 'weather', parameters: { type: 'object', properties: { city: { type: 'string' } } } } }];
    await request(app).post('/v1/chat/completions').send({ session_id: 's', tools, messages: [{ role: 'user', content: 'Rome?' }] }).expect(200);
    await request(app).post('/v1/chat/completions').send({ session_id: 's', tools, messages: [{ role: 'tool', tool_call_id: 'call_1', content: '20°C' }] }).expect(200);
    expect(requests[1]!.messages.at(-1)!.content).toEqual([{ type: 'tool-result', toolCallId: 'call_1', name: 'weather', content: [{ type: 'text', text: '20°C' }], isError: false }]);
  });

  test('a failed request appends nothing', async () => {
    const { app, requests } = setup([{ events: [...textBlock('ok'), finishEvent()] }, { error: new GatewayError('upstream_overloaded', 'busy') }]);
    await request(app).post('/v1/chat/completions').send({ session_id: 'f', messages: [{ role: 'user', content: 'one' }] }).expect(200);
    await request(app).post('/v1/chat/completions').send({ session_id: 'f', messages: [{ role: 'user', content: 'lost' }] }).expect(503);
    await request(app).post('/v1/chat/completions').send({ session_id: 'f', messages: [{ role: 'user', content: 'two' }] }).expect(200);
    expect(texts(requests[2]!)).toEqual(['user: one', 'assistant: ok', 'user: two']);
  });

  test('a streamed request the client leaves appends nothing, and frees the session', async () => {
    const { app, requests } = setup([{ events: [...textBlock(['a', 'b', 'c']), finishEvent()], delayMs: 150 }]);
    const server = app.listen(0, '127.0.0.1');
    await once(server, 'listening');
    try {
      const leaving = httpRequest({ port: (server.address() as AddressInfo).port, method: 'POST', path: '/v1/chat/completions', headers: { 'content-type': 'application/json' } });
      leaving.on('error', () => undefined);
      leaving.end(JSON.stringify({ session_id: 'gone', stream: true, messages: [{ role: 'user', content: 'lost' }] }));
      const response = await once(leaving, 'response');
      await once(response[0], 'data'); // the stream has started
      leaving.destroy();
      await new Promise((resolve) => setTimeout(resolve, 500));
      await request(server).post('/v1/chat/completions').send({ session_id: 'gone', messages: [{ role: 'user', content: 'two' }] }).expect(200);
      expect(texts(requests.at(-1)!)).toEqual(['user: two']);
    } finally {
      server.close();
    }
  });

  test('two requests on one session at once: the second gets a 409, the history is not interleaved', async () => {
    const { app, requests } = setup([{ events: [...textBlock('slow'), finishEvent()], delayMs: 300 }]);
    const send = (content: string) => request(app).post('/v1/chat/completions').send({ session_id: 'busy', messages: [{ role: 'user', content }] });
    const [first, second] = await Promise.all([send('a'), new Promise((resolve) => setTimeout(resolve, 100)).then(() => send('b'))]);
    expect(first.status).toBe(200);
    expect(second.status).toBe(409);
    expect(second.body.error).toMatchObject({ code: 'conflict', param: 'session_id' });
    const after = await send('c').expect(200);
    expect(after.status).toBe(200);
    expect(texts(requests.at(-1)!)).toEqual(['user: a', 'assistant: slow', 'user: c']);
  });

  test('endpoints: create, list, stats, show, clear, delete', async () => {
    const { app } = setup();
    const created = await request(app).post('/v1/sessions').expect(201);
    expect(created.body).toMatchObject({ object: 'session', messages: 0 });
    const id = created.body.id as string;
    await request(app).post('/v1/chat/completions').send({ session_id: id, messages: [{ role: 'user', content: 'hello' }] }).expect(200);
    const list = await request(app).get('/v1/sessions').expect(200);
    expect(list.body.data).toEqual([expect.objectContaining({ id, messages: 2, last_used_at: expect.any(Number), expires_at: expect.any(Number) })]);
    const stats = await request(app).get('/v1/sessions/stats').expect(200);
    expect(stats.body).toMatchObject({ sessions: 1, messages: 2, ttl_seconds: 3600, max_messages: 200, max_sessions: 100 });
    const shown = await request(app).get(`/v1/sessions/${id}`).expect(200);
    expect(shown.body.history).toEqual([
      { role: 'user', content: [{ type: 'text', text: 'hello' }] },
      { role: 'assistant', content: [{ type: 'text', text: 'answer 1' }] },
    ]);
    const cleared = await request(app).post(`/v1/sessions/${id}/clear`).expect(200);
    expect(cleared.body.messages).toBe(0);
    expect((await request(app).get(`/v1/sessions/${id}`).expect(200)).body.history).toEqual([]);
    await request(app).delete(`/v1/sessions/${id}`).expect(200);
    const gone = await request(app).get(`/v1/sessions/${id}`).expect(404);
    expect(gone.body.error).toMatchObject({ code: 'not_found', type: 'invalid_request_error' });
    await request(app).delete(`/v1/sessions/${id}`).expect(404);
    await request(app).post(`/v1/sessions/${id}/clear`).expect(404);
  });

  test("another key's sessions are not found, and a session id used by two keys is two sessions", async () => {
    const { app, requests } = setup([], {}, ['key-a', 'key-b']);
    const as = (key: string) => ({ authorization: `Bearer ${key}` });
    await request(app).post('/v1/chat/completions').set(as('key-a')).send({ session_id: 'shared', messages: [{ role: 'user', content: 'secret of a' }] }).expect(200);
    await request(app).get('/v1/sessions/shared').set(as('key-b')).expect(404);
    expect((await request(app).get('/v1/sessions').set(as('key-b')).expect(200)).body.data).toEqual([]);
    await request(app).delete('/v1/sessions/shared').set(as('key-b')).expect(404);
    await request(app).post('/v1/chat/completions').set(as('key-b')).send({ session_id: 'shared', messages: [{ role: 'user', content: 'b here' }] }).expect(200);
    expect(texts(requests[1]!)).toEqual(['user: b here']);
    expect((await request(app).get('/v1/sessions/shared').set(as('key-a')).expect(200)).body.history).toHaveLength(2);
  });

  test('sessions expire after their TTL', async () => {
    const { app } = setup([], { ttlMs: 300 });
    await request(app).post('/v1/chat/completions').send({ session_id: 'brief', messages: [{ role: 'user', content: 'x' }] }).expect(200);
    await request(app).get('/v1/sessions/brief').expect(200);
    await new Promise((resolve) => setTimeout(resolve, 700));
    await request(app).get('/v1/sessions/brief').expect(404);
    expect((await request(app).get('/v1/sessions').expect(200)).body.data).toEqual([]);
  });

  test('bad session ids and n > 1 are 400s', async () => {
    const { app } = setup();
    const bad = await request(app).post('/v1/chat/completions').send({ session_id: 'no spaces', messages: [{ role: 'user', content: 'x' }] }).expect(400);
    expect(bad.body.error.param).toBe('session_id');
    await request(app).post('/v1/chat/completions').send({ session_id: 42, messages: [{ role: 'user', content: 'x' }] }).expect(400);
    const n = await request(app).post('/v1/chat/completions').send({ session_id: 'ok', n: 2, messages: [{ role: 'user', content: 'x' }] }).expect(400);
    expect(n.body.error.param).toBe('n');
  });
});
