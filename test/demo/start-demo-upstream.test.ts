import Anthropic from '@anthropic-ai/sdk';
import { startDemoUpstream, type DemoUpstream } from '../../src/demo/start-demo-upstream.js';

/** The demo upstream over HTTP, read by Anthropic's own SDK: its SSE and JSON are the API's. */
describe('the demo upstream', () => {
  let upstream: DemoUpstream;
  let client: Anthropic;
  beforeAll(async () => {
    upstream = await startDemoUpstream();
    client = new Anthropic({ baseURL: upstream.url, apiKey: 'unused', maxRetries: 0 });
  });
  afterAll(() => upstream.close());

  test('listens on 127.0.0.1 only', () => {
    expect(upstream.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
  });

  test('streams an answer the SDK assembles, word by word', async () => {
    const stream = client.messages.stream({ model: 'claude-sonnet-5', max_tokens: 100, messages: [{ role: 'user', content: 'Hello there' }] });
    const deltas: string[] = [];
    stream.on('text', (delta) => deltas.push(delta));
    const message = await stream.finalMessage();
    expect(message.content).toEqual([{ type: 'text', text: '[demo model] You said: "Hello there"' }]);
    expect(deltas.length).toBeGreaterThan(3);
    expect(message).toMatchObject({ stop_reason: 'end_turn', model: 'claude-sonnet-5' });
    expect(message.usage.output_tokens).toBeGreaterThan(0);
  });

  test('a tool call streams its arguments as JSON fragments the SDK puts together', async () => {
    const message = await client.messages
      .stream({
        model: 'm',
        max_tokens: 100,
        tools: [{ name: 'mcp__client__get_weather', input_schema: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] } }],
        messages: [{ role: 'user', content: 'Weather?' }],
      })
      .finalMessage();
    expect(message.stop_reason).toBe('tool_use');
    expect(message.content.at(-1)).toMatchObject({ type: 'tool_use', name: 'mcp__client__get_weather', input: { city: 'Paris' } });
  });

  test('answers without streaming too', async () => {
    const message = await client.messages.create({ model: 'm', max_tokens: 100, messages: [{ role: 'user', content: 'Once' }] });
    expect(message.content).toEqual([{ type: 'text', text: '[demo model] You said: "Once"' }]);
  });

  test("the CLI's reachability probe gets a 200; other paths and bad bodies the API's errors", async () => {
    expect((await fetch(upstream.url, { method: 'HEAD' })).status).toBe(200);
    const elsewhere = await fetch(`${upstream.url}/v1/complete`, { method: 'POST', body: '{}' });
    expect(elsewhere.status).toBe(404);
    expect(await elsewhere.json()).toMatchObject({ type: 'error', error: { type: 'not_found_error' } });
    const bad = await fetch(`${upstream.url}/v1/messages`, { method: 'POST', body: '{"model": "m"}' });
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({ type: 'error', error: { type: 'invalid_request_error', message: expect.stringContaining('messages') } });
    expect((await fetch(`${upstream.url}/v1/messages`, { method: 'POST', body: 'not json' })).status).toBe(400);
  });
});
