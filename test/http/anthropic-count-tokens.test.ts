import request from 'supertest';
import { createTestApp } from '../support/create-test-app.js';
import { createFakeBackend } from '../support/fake-backend.js';
import { pngBase64 } from '../support/images.js';

const tokens = async (body: object) => {
  const { backend, requests } = createFakeBackend();
  const res = await request(createTestApp(backend)).post('/v1/messages/count_tokens?beta=true').send(body).expect(200);
  expect(requests).toHaveLength(0); // counting runs no model
  return res.body.input_tokens as number;
};
const base = { model: 'sonnet', messages: [{ role: 'user', content: 'foo' }] };

describe('POST /v1/messages/count_tokens', () => {
  test('answers {input_tokens}, with no max_tokens needed', async () => {
    const { backend } = createFakeBackend();
    const res = await request(createTestApp(backend)).post('/v1/messages/count_tokens').send(base).expect(200);
    expect(res.body).toEqual({ input_tokens: expect.any(Number) });
    expect(res.body.input_tokens).toBeGreaterThan(0);
  });

  test('the system prompt, every message and the tools all count', async () => {
    const plain = await tokens(base);
    const withSystem = await tokens({ ...base, system: 'You are a careful assistant who answers in full sentences.' });
    const tool = { name: 'get_weather', description: 'Current weather for a city', input_schema: { type: 'object', properties: { city: { type: 'string' } } } };
    const withTools = await tokens({ ...base, tools: [tool] });
    const longer = await tokens({ ...base, messages: [...base.messages, { role: 'assistant', content: 'bar baz' }, { role: 'user', content: 'and more words here' }] });
    expect(withSystem).toBeGreaterThan(plain + 5);
    expect(withTools).toBeGreaterThan(plain + 346); // the tool-use preamble and the definition
    expect(longer).toBeGreaterThan(plain + 8);
  });

  test('an image counts by its size (a 1×1 PNG is one token, a URL the largest size)', async () => {
    const image = (source: object) => ({ ...base, messages: [{ role: 'user', content: [{ type: 'text', text: 'foo' }, { type: 'image', source }] }] });
    const plain = await tokens(base);
    expect(await tokens(image({ type: 'base64', media_type: 'image/png', data: pngBase64 }))).toBe(plain + 1);
    expect(await tokens(image({ type: 'url', url: 'https://example.com/cat.png' }))).toBe(plain + 1600);
  });

  test('an unknown model is a 404, a bad body a 400, in Anthropic shape', async () => {
    const { backend } = createFakeBackend();
    const app = createTestApp(backend);
    expect((await request(app).post('/v1/messages/count_tokens').send({ ...base, model: 'nope' }).expect(404)).body.error.type).toBe('not_found_error');
    expect((await request(app).post('/v1/messages/count_tokens').send({ model: 'sonnet' }).expect(400)).body.error.type).toBe('invalid_request_error');
  });
});

describe('count_tokens counts what the API would count, even what a model run here could not take', () => {
  test('a conversation ending with the assistant, and an unsupported server tool, are counted, not refused', async () => {
    const prefill = await tokens({ ...base, messages: [...base.messages, { role: 'assistant', content: 'The answer is' }], tools: [{ type: 'bash_20250124', name: 'bash' }] });
    expect(prefill).toBeGreaterThan(await tokens(base));
  });
});
