import request from 'supertest';
import { createTestApp } from '../support/create-test-app.js';
import { textBlock, finishEvent } from '../support/events.js';
import { createFakeBackend } from '../support/fake-backend.js';
import { backendOnSpawner, replaySpawner } from '../support/replay-spawner.js';

const ask = { model: 'sonnet', max_tokens: 100, messages: [{ role: 'user', content: 'Hello' }] };

describe('routes every front shares', () => {
  test('HEAD / (Claude Code checks it at every start) answers 200', async () => {
    await request(createTestApp(createFakeBackend().backend)).head('/').expect(200);
  });

  test('an unknown /v1 path is for key holders only, and in the shape of the client that asked', async () => {
    const app = createTestApp(createFakeBackend().backend, { apiKeys: ['k'] });
    await request(app).get('/v1/nothing').expect(401);
    expect((await request(app).get('/v1/nothing').set('x-api-key', 'k').expect(404)).body.error.code).toBe('not_found');
    expect((await request(app).get('/v1/auth/status').set('anthropic-version', '2023-06-01').expect(401)).body).toMatchObject({ type: 'error', error: { type: 'authentication_error' } });
  });

  test('with both Bearer and x-api-key sent (Claude Code with both set), either matching is enough; the limit counts the key that matched', async () => {
    const app = createTestApp(createFakeBackend().backend, { apiKeys: ['right'], rateLimitPerMinute: 2 });
    await request(app).post('/v1/messages').set('authorization', 'Bearer made-up-1').set('x-api-key', 'right').send(ask).expect(200);
    await request(app).post('/v1/messages').set('authorization', 'Bearer made-up-2').set('x-api-key', 'right').send(ask).expect(200);
    await request(app).post('/v1/messages').set('authorization', 'Bearer made-up-3').set('x-api-key', 'right').send(ask).expect(429);
  });

  test('a stop sequence the blank line between text blocks would hold is never sent between them', async () => {
    const events = [...textBlock('First.', 'a'), ...textBlock('Second.', 'b'), finishEvent()];
    const app = createTestApp(createFakeBackend(() => ({ events })).backend);
    const chat = { model: 'sonnet', messages: [{ role: 'user', content: 'Hi' }] };
    expect((await request(app).post('/v1/chat/completions').send(chat).expect(200)).body.choices[0].message.content).toBe('First.\n\nSecond.');
    expect((await request(app).post('/v1/chat/completions').send({ ...chat, stop: ['\n\n'] }).expect(200)).body.choices[0].message.content).toBe('First.\nSecond.');
  });

  test('a web_search tool the tool policy forbids is a 400 naming the tool', async () => {
    const backend = backendOnSpawner(replaySpawner('text-turn').spawn);
    const body = { ...ask, tools: [{ name: 'f', input_schema: { type: 'object' } }, { type: 'web_search_20250305', name: 'web_search' }] };
    const res = await request(createTestApp(backend)).post('/v1/messages').send(body).expect(400);
    expect(res.body.error.message).toMatch(/^tools\[1\]: .*does not allow WebSearch/);
    const responses = await request(createTestApp(backend)).post('/v1/responses').send({ input: 'x', tools: [{ type: 'function', name: 'f' }, { type: 'web_search' }] }).expect(400);
    expect(responses.body.error).toMatchObject({ param: 'tools[1]' });
    expect(responses.body.error.message).toMatch(/does not allow WebSearch/);
  });
});
