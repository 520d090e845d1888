import request from 'supertest';
import { createConcurrencyGate } from '../../src/core/concurrency-gate.js';
import { GatewayError, type ErrorCode } from '../../src/core/errors.js';
import { createTestApp } from '../support/create-test-app.js';
import { createFakeBackend, finish } from '../support/fake-backend.js';

const chat = { model: 'sonnet', messages: [{ role: 'user', content: 'Hello' }] };
const errorShape = (code: string, param: string | null = null) => ({
  error: { message: expect.any(String), type: expect.any(String), param, code },
});

describe('errors, one shape', () => {
  const { backend } = createFakeBackend();
  const app = createTestApp(backend);

  test('bad JSON is a 400 in JSON, not an HTML page', async () => {
    const res = await request(app).post('/v1/chat/completions').set('content-type', 'application/json').send('{"model": ').expect(400);
    expect(res.body).toEqual(errorShape('invalid_request'));
    expect(res.body.error.message).toMatch(/not valid JSON/);
  });

  test.each([
    [{ ...chat, messages: [] }, 'messages'],
    [{ ...chat, messages: [{ role: 'user', content: 42 }] }, 'messages[0].content'],
    [{ ...chat, messages: [{ role: 'wizard', content: 'x' }] }, 'messages[0].role'],
    [{ ...chat, temperature: 'hot' }, 'temperature'],
    [{ ...chat, stream: 'yes' }, 'stream'],
    [{ ...chat, n: 9 }, 'n'],
    [{ ...chat, claude_tools: ['Bash; rm -rf /'] }, 'claude_tools[0]'],
    [{ ...chat, response_format: { type: 'json_schema', json_schema: { name: 'x', schema: { type: 'array' } } } }, 'response_format.json_schema.schema.type'],
    [{ ...chat, response_format: { type: 'yaml' } }, 'response_format.type'],
  ])('a bad field is a 400 naming it: %j', async (sent, param) => {
    const res = await request(app).post('/v1/chat/completions').send(sent).expect(400);
    expect(res.body).toEqual(errorShape('invalid_request', param));
  });

  test.each([
    [{ ...chat, messages: [{ role: 'user', content: [{ type: 'text', text: 'hi' }, { type: 'input_audio', input_audio: { data: 'AA', format: 'wav' } }] }] }, 'messages[0].content[1]'],
  ])('what is not supported yet is a 400 naming the part, never dropped: %j', async (sent, param) => {
    const res = await request(app).post('/v1/chat/completions').send(sent).expect(400);
    expect(res.body).toEqual(errorShape('unsupported', param));
  });

  test('a tool result for a call no assistant made is a 400 naming its tool_call_id', async () => {
    const messages = [{ role: 'user', content: 'x' }, { role: 'tool', content: 'r', tool_call_id: 'c1' }];
    const res = await request(app).post('/v1/chat/completions').send({ ...chat, messages }).expect(400);
    expect(res.body).toEqual(errorShape('invalid_request', 'messages[1].tool_call_id'));
  });

  test('tool call arguments that are not JSON are a 400 naming them', async () => {
    const messages = [
      { role: 'user', content: 'x' },
      { role: 'assistant', content: null, tool_calls: [{ id: 'c1', type: 'function', function: { name: 'f', arguments: '{oops' } }] },
      { role: 'tool', content: 'r', tool_call_id: 'c1' },
    ];
    const res = await request(app).post('/v1/chat/completions').send({ ...chat, messages }).expect(400);
    expect(res.body).toEqual(errorShape('invalid_request', 'messages[1].tool_calls[0].function.arguments'));
  });

  test('tool_choice naming a tool that is not offered is a 400', async () => {
    const res = await request(app)
      .post('/v1/chat/completions')
      .send({ ...chat, tools: [{ type: 'function', function: { name: 'f' } }], tool_choice: { type: 'function', function: { name: 'g' } } })
      .expect(400);
    expect(res.body).toEqual(errorShape('invalid_request', 'tool_choice'));
  });

  test('a conversation that does not end with the user is a 400', async () => {
    const res = await request(app)
      .post('/v1/chat/completions')
      .send({ ...chat, messages: [{ role: 'user', content: 'x' }, { role: 'assistant', content: 'y' }] })
      .expect(400);
    expect(res.body).toEqual(errorShape('invalid_request', 'messages'));
  });

  test('an unknown route is a 404', async () => {
    expect((await request(app).get('/v1/nothing-here').expect(404)).body).toEqual(errorShape('not_found'));
  });

  test('an unknown model is a 404 model_not_found', async () => {
    const res = await request(app).post('/v1/chat/completions').send({ ...chat, model: 'gpt-9000' }).expect(404);
    expect(res.body).toEqual(errorShape('model_not_found', 'model'));
  });

  test('a body over BODY_LIMIT is a 413', async () => {
    const res = await request(app).post('/v1/chat/completions').send({ ...chat, messages: [{ role: 'user', content: 'x'.repeat(2_000_000) }] }).expect(413);
    expect(res.body).toEqual(errorShape('payload_too_large'));
  });

  test.each<[ErrorCode, number, string]>([
    ['cli_not_installed', 503, 'service_unavailable_error'],
    ['cli_not_authenticated', 503, 'service_unavailable_error'],
    ['upstream_rate_limited', 429, 'rate_limit_error'],
    ['upstream_overloaded', 503, 'service_unavailable_error'],
    ['upstream_error', 502, 'server_error'],
    ['timeout', 504, 'timeout_error'],
  ])('a backend %s is a %i of type %s', async (code, status, type) => {
    const failing = createFakeBackend(() => ({ error: new GatewayError(code, `failure ${code}`) }));
    const res = await request(createTestApp(failing.backend)).post('/v1/chat/completions').send(chat).expect(status);
    expect(res.body).toEqual({ error: { message: `failure ${code}`, type, param: null, code } });
  });
});

describe('API keys', () => {
  const { backend } = createFakeBackend();
  const app = createTestApp(backend, { apiKeys: ['k-one', 'k-two'] });

  test('a missing key is a 401 that says how to send one', async () => {
    const res = await request(app).get('/v1/models').expect(401);
    expect(res.body).toEqual(errorShape('invalid_api_key'));
    expect(res.body.error.message).toMatch(/Authorization: Bearer/);
  });

  test('a wrong key is a 401', async () => {
    await request(app).get('/v1/models').set('authorization', 'Bearer k-three').expect(401);
  });

  test('either configured key works, as a bearer token or as x-api-key', async () => {
    await request(app).get('/v1/models').set('authorization', 'Bearer k-two').expect(200);
    await request(app).get('/v1/models').set('x-api-key', 'k-one').expect(200);
  });

  test('/health needs no key', async () => {
    await request(app).get('/health').expect(200);
  });
});

describe('limits', () => {
  test('the rate limit answers 429 with Retry-After and the standard RateLimit headers', async () => {
    const { backend } = createFakeBackend();
    const app = createTestApp(backend, { rateLimitPerMinute: 2 });
    const first = await request(app).get('/v1/models').expect(200);
    expect(first.headers.ratelimit).toMatch(/r=1/);
    await request(app).get('/v1/models').expect(200);
    const res = await request(app).get('/v1/models').expect(429);
    expect(res.body).toEqual(errorShape('rate_limited'));
    expect(Number(res.headers['retry-after'])).toBeGreaterThan(0);
  });

  test('without configured keys the limit is per IP, whatever bearer token a client makes up', async () => {
    const { backend } = createFakeBackend();
    const app = createTestApp(backend, { rateLimitPerMinute: 1 });
    await request(app).get('/v1/models').set('authorization', 'Bearer made-up-1').expect(200);
    await request(app).get('/v1/models').set('authorization', 'Bearer made-up-2').expect(429);
  });

  test('rate limits count per client key', async () => {
    const { backend } = createFakeBackend();
    const app = createTestApp(backend, { rateLimitPerMinute: 1, apiKeys: ['a', 'b'] });
    await request(app).get('/v1/models').set('x-api-key', 'a').expect(200);
    await request(app).get('/v1/models').set('x-api-key', 'b').expect(200);
    await request(app).get('/v1/models').set('x-api-key', 'a').expect(429);
  });

  test('a full queue answers 429 queue_full with Retry-After', async () => {
    const gate = createConcurrencyGate({ maxActive: 0, maxQueued: 0, queueTimeoutMs: 1000 });
    const { backend } = createFakeBackend(() => ({ error: undefined }));
    const queued = { ...backend, async *stream() { await gate.acquire(new AbortController().signal); } } as typeof backend;
    const refused = await request(createTestApp(queued)).post('/v1/chat/completions').send(chat).expect(429);
    expect(refused.body).toEqual(errorShape('queue_full'));
    expect(refused.headers['retry-after']).toBe('1');
  });

  test('while shutting down, new requests get 503', async () => {
    const draining = new AbortController();
    draining.abort();
    const { backend } = createFakeBackend();
    const res = await request(createTestApp(backend, { draining: draining.signal })).get('/v1/models').expect(503);
    expect(res.body).toEqual(errorShape('shutting_down'));
  });
});
