import request from 'supertest';
import { GatewayError, type ErrorCode } from '../../src/core/errors.js';
import { createTestApp } from '../support/create-test-app.js';
import { textBlock } from '../support/events.js';
import { createFakeBackend } from '../support/fake-backend.js';
import { readSseEvents } from '../support/read-sse.js';

const ask = { model: 'sonnet', max_tokens: 100, messages: [{ role: 'user', content: 'Hello' }] };
const anthropicError = (type: string) => ({ type: 'error', error: { type, message: expect.any(String) }, request_id: expect.any(String) });

describe('errors on /v1/messages are Anthropic-shaped, from every layer', () => {
  const { backend } = createFakeBackend();

  test('the body parser: bad JSON is a 400 invalid_request_error', async () => {
    const res = await request(createTestApp(backend)).post('/v1/messages').set('content-type', 'application/json').send('{"model": ').expect(400);
    expect(res.body).toEqual(anthropicError('invalid_request_error'));
  });

  test('a body over BODY_LIMIT is a 413 request_too_large', async () => {
    const res = await request(createTestApp(backend)).post('/v1/messages').send({ ...ask, messages: [{ role: 'user', content: 'x'.repeat(2_000_000) }] }).expect(413);
    expect(res.body).toEqual(anthropicError('request_too_large'));
  });

  test('the key check: x-api-key and Bearer are both accepted; a wrong one is a 401 authentication_error', async () => {
    const app = createTestApp(backend, { apiKeys: ['secret'] });
    await request(app).post('/v1/messages').set('x-api-key', 'secret').send(ask).expect(200);
    await request(app).post('/v1/messages').set('authorization', 'Bearer secret').send(ask).expect(200);
    const res = await request(app).post('/v1/messages').set('x-api-key', 'wrong').send(ask).expect(401);
    expect(res.body).toEqual(anthropicError('authentication_error'));
  });

  test('the rate limit: 429 rate_limit_error with retry-after', async () => {
    const app = createTestApp(backend, { rateLimitPerMinute: 1 });
    await request(app).post('/v1/messages').send(ask).expect(200);
    const res = await request(app).post('/v1/messages').send(ask).expect(429);
    expect(res.body).toEqual(anthropicError('rate_limit_error'));
    expect(Number(res.headers['retry-after'])).toBeGreaterThan(0);
  });

  test('the host check: 403 permission_error', async () => {
    const res = await request(createTestApp(backend)).post('/v1/messages').set('host', 'attacker.example').send(ask).expect(403);
    expect(res.body).toEqual(anthropicError('permission_error'));
  });

  test('an unknown model is a 404 not_found_error, and so is an unknown route under /v1/messages', async () => {
    const res = await request(createTestApp(backend)).post('/v1/messages').send({ ...ask, model: 'gpt-9000' }).expect(404);
    expect(res.body).toEqual(anthropicError('not_found_error'));
    expect((await request(createTestApp(backend)).post('/v1/messages/batches').send(ask).expect(404)).body).toEqual(anthropicError('not_found_error'));
  });

  test.each<[ErrorCode, number, string]>([
    ['upstream_overloaded', 529, 'overloaded_error'],
    ['queue_full', 429, 'rate_limit_error'],
    ['upstream_rate_limited', 429, 'rate_limit_error'],
    ['upstream_error', 502, 'api_error'],
    ['cli_not_authenticated', 503, 'api_error'],
    ['shutting_down', 503, 'overloaded_error'],
    ['timeout', 504, 'timeout_error'],
    ['context_length_exceeded', 400, 'invalid_request_error'],
  ])('the backend: %s is a %i %s', async (code, status, type) => {
    const failing = createFakeBackend(() => ({ error: new GatewayError(code, `failure ${code}`) }));
    const res = await request(createTestApp(failing.backend)).post('/v1/messages').send(ask).expect(status);
    expect(res.body).toEqual({ type: 'error', error: { type, message: `failure ${code}` }, request_id: expect.any(String) });
  });

  test('after the stream started, an error is an `event: error` frame', async () => {
    const failing = createFakeBackend(() => ({ events: textBlock('Par').slice(0, 2), error: new GatewayError('upstream_overloaded', 'Overloaded') }));
    const res = await request(createTestApp(failing.backend)).post('/v1/messages').send({ ...ask, stream: true }).expect(200);
    const events = readSseEvents(res.text);
    expect(events.at(-1)).toEqual({ event: 'error', data: { type: 'error', error: { type: 'overloaded_error', message: 'Overloaded' } } });
    expect(events.map((e) => e.event)).toEqual(['message_start', 'ping', 'content_block_start', 'content_block_delta', 'error']);
  });

  test('GET /v1/models answers each client in its own shape', async () => {
    const app = createTestApp(backend, { apiKeys: ['secret'] });
    expect((await request(app).get('/v1/models').set('anthropic-version', '2023-06-01').expect(401)).body).toEqual(anthropicError('authentication_error'));
    expect((await request(app).get('/v1/models').expect(401)).body.error).toMatchObject({ code: 'invalid_api_key', type: 'authentication_error' });
  });
});
