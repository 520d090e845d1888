import request from 'supertest';
import { GatewayError } from '../../src/core/errors.js';
import { createTestApp } from '../support/create-test-app.js';
import { textBlock } from '../support/events.js';
import { createFakeBackend, finish } from '../support/fake-backend.js';
import { readSse } from '../support/read-sse.js';

const body = (extra: Record<string, unknown> = {}) => ({ model: 'gpt-4o', messages: [{ role: 'user', content: 'Hello' }], ...extra });

describe('POST /v1/chat/completions', () => {
  test('non-streaming returns a chat.completion with usage and the requested model name', async () => {
    const { backend, requests } = createFakeBackend();
    const res = await request(createTestApp(backend)).post('/v1/chat/completions').send(body()).expect(200);
    expect(res.body).toEqual({
      id: expect.stringMatching(/^chatcmpl-/),
      object: 'chat.completion',
      created: expect.any(Number),
      model: 'gpt-4o',
      system_fingerprint: null,
      choices: [{ index: 0, message: { role: 'assistant', content: 'Hi there.', refusal: null }, logprobs: null, finish_reason: 'stop' }],
      usage: { prompt_tokens: 15, completion_tokens: 3, total_tokens: 18, prompt_tokens_details: { cached_tokens: 4 } },
    });
    expect(Math.abs(res.body.created - Date.now() / 1000)).toBeLessThan(60);
    expect(requests[0]).toMatchObject({ model: 'sonnet', system: undefined, messages: [{ role: 'user', content: [{ type: 'text', text: 'Hello' }] }] });
  });

  test('streaming sends role first, one id throughout, a finish chunk, the usage chunk, then [DONE]', async () => {
    const { backend } = createFakeBackend(() => ({ events: [...textBlock(['Hi', ' there']), ...finish()] }));
    const res = await request(createTestApp(backend))
      .post('/v1/chat/completions')
      .send(body({ stream: true, stream_options: { include_usage: true } }))
      .expect(200)
      .expect('content-type', /text\/event-stream/);
    const frames = readSse(res.text) as Array<Record<string, any>>;
    expect(frames.at(-1)).toBe('[DONE]');
    const chunks = frames.slice(0, -1);
    expect(new Set(chunks.map((c) => c.id)).size).toBe(1);
    expect(chunks.map((c) => c.choices[0]?.delta)).toEqual([{ role: 'assistant', content: '' }, { content: 'Hi' }, { content: ' there' }, {}, undefined]);
    expect(chunks[3]!.choices[0].finish_reason).toBe('stop');
    expect(chunks[4]).toMatchObject({ choices: [], usage: { prompt_tokens: 15, completion_tokens: 3 } });
  });

  test('streaming without include_usage sends no usage chunk', async () => {
    const { backend } = createFakeBackend();
    const res = await request(createTestApp(backend)).post('/v1/chat/completions').send(body({ stream: true })).expect(200);
    const chunks = readSse(res.text).slice(0, -1) as Array<Record<string, any>>;
    expect(chunks.every((c) => c.choices.length === 1 && !('usage' in c))).toBe(true);
  });

  test('system and developer messages become the system prompt', async () => {
    const { backend, requests } = createFakeBackend();
    const messages = [
      { role: 'system', content: 'Be brief.' },
      { role: 'developer', content: [{ type: 'text', text: 'Use French.' }] },
      { role: 'user', content: 'Hello' },
    ];
    await request(createTestApp(backend)).post('/v1/chat/completions').send(body({ messages })).expect(200);
    expect(requests[0]!.system).toBe('Be brief.\n\nUse French.');
  });

  test('parameters the CLI cannot honour are accepted and named in x-ignored-params', async () => {
    const { backend } = createFakeBackend();
    const res = await request(createTestApp(backend))
      .post('/v1/chat/completions')
      .send(body({ temperature: 0.3, top_p: 0.9, seed: 7, logprobs: true, user: 'u1', stream: false }))
      .expect(200);
    expect(res.headers['x-ignored-params']).toBe('user, temperature, top_p, seed, logprobs'); // the front's, then what the routed backend (the CLI) drops
  });

  test('unknown field names that cannot go in a header are left out of x-ignored-params, not a 500', async () => {
    const { backend } = createFakeBackend();
    const res = await request(createTestApp(backend)).post('/v1/chat/completions').send(body({ 'größe模型': 1, 'a\nb': 2, seed: 1 })).expect(200);
    expect(res.headers['x-ignored-params']).toBe('seed');
  });

  test('an error after streaming started becomes an in-stream error chunk followed by [DONE]', async () => {
    const { backend } = createFakeBackend(() => ({
      events: textBlock('Partial').slice(0, 2),
      error: new GatewayError('timeout', 'The Claude CLI produced no output for 90 s.'),
    }));
    const res = await request(createTestApp(backend)).post('/v1/chat/completions').send(body({ stream: true })).expect(200);
    const frames = readSse(res.text);
    expect(frames.at(-2)).toEqual({ error: { message: 'The Claude CLI produced no output for 90 s.', type: 'timeout_error', param: null, code: 'timeout' } });
    expect(frames.at(-1)).toBe('[DONE]');
  });

  test('an error before any output is a plain HTTP error, even for a streaming request', async () => {
    const { backend } = createFakeBackend(() => ({ error: new GatewayError('upstream_rate_limited', 'slow down', { retryAfterSeconds: 30 }) }));
    const res = await request(createTestApp(backend)).post('/v1/chat/completions').send(body({ stream: true })).expect(429);
    expect(res.headers['content-type']).toMatch(/application\/json/);
    expect(res.headers['retry-after']).toBe('30');
    expect(res.body.error.code).toBe('upstream_rate_limited');
  });

  test('a request may narrow the built-in tools with claude_tools', async () => {
    const { backend, requests } = createFakeBackend();
    await request(createTestApp(backend)).post('/v1/chat/completions').send(body({ claude_tools: ['WebSearch'] })).expect(200);
    expect(requests[0]!.builtinTools).toEqual({ names: ['WebSearch'], param: 'claude_tools' });
  });

  test('earlier turns reach the backend in order', async () => {
    const { backend, requests } = createFakeBackend();
    const messages = [
      { role: 'user', content: 'My name is Bob.' },
      { role: 'assistant', content: 'Hi Bob.' },
      { role: 'assistant', content: null },
      { role: 'user', content: [{ type: 'text', text: 'Name?' }] },
    ];
    await request(createTestApp(backend)).post('/v1/chat/completions').send(body({ messages })).expect(200);
    expect(requests[0]!.messages.map((m) => [m.role, m.content[0]!.type === 'text' ? m.content[0]!.text : m.content[0]!.type])).toEqual([
      ['user', 'My name is Bob.'],
      ['assistant', 'Hi Bob.'],
      ['assistant', ''],
      ['user', 'Name?'],
    ]);
  });

  test('stop: empty strings are dropped, and with JSON output stop is not applied and says so', async () => {
    const { backend, requests } = createFakeBackend();
    const app = createTestApp(backend);
    await request(app).post('/v1/chat/completions').send(body({ stop: '' })).expect(200);
    await request(app).post('/v1/chat/completions').send(body({ stop: ['', 'END'] })).expect(200);
    const json = await request(app).post('/v1/chat/completions').send(body({ stop: 'END', response_format: { type: 'json_object' } })).expect(200);
    expect(requests.map((r) => r.stopSequences)).toEqual([[], ['END'], []]);
    expect(json.headers['x-ignored-params']).toBe('stop');
  });
});
