import { promptBlocks, sharedPrefix } from '../support/cached-prefix.js';
import { startGateway, type GatewayUnderTest } from '../support/start-gateway.js';

describe('prompt-cache-friendly history (real claude CLI)', () => {
  let gateway: GatewayUnderTest;
  beforeAll(async () => {
    gateway = await startGateway({ toolPolicy: { mode: 'none', allow: [], deny: [] } });
  });
  afterAll(() => gateway.close());

  test('over 5 turns with a tool call, each request to the model begins with every block of the one before', async () => {
    const tools = [{ type: 'function' as const, function: { name: 'weather', description: 'Weather', parameters: { type: 'object', properties: { city: { type: 'string' } } } } }];
    const messages: Array<Record<string, unknown>> = [{ role: 'system', content: 'You are terse.' }, { role: 'user', content: 'Weather in Paris?' }];
    gateway.upstream.script(
      { kind: 'tool_use', chunks: ['Checking.'], calls: [{ name: 'mcp__client__weather', input: { city: 'Paris' } }] },
      { kind: 'text', chunks: ['It is 18°C.'] },
      { kind: 'text', chunks: ['You are welcome.'] },
      { kind: 'text', chunks: ['Rome is warmer.'] },
      { kind: 'text', chunks: ['Goodbye.'] },
    );
    const first = gateway.upstream.requests.length;
    for (const next of [undefined, 'Thanks.', 'And Rome?', 'Bye.']) {
      if (next) messages.push({ role: 'user', content: next });
      const reply = await gateway.client.chat.completions.create({ model: 'sonnet', messages: messages as never, tools });
      const message = reply.choices[0]!.message;
      messages.push({ role: 'assistant', content: message.content, ...(message.tool_calls ? { tool_calls: message.tool_calls } : {}) });
      if (message.tool_calls) messages.push({ role: 'tool', tool_call_id: message.tool_calls[0]!.id, content: '18°C' });
      if (message.tool_calls) {
        const answer = await gateway.client.chat.completions.create({ model: 'sonnet', messages: messages as never, tools });
        messages.push({ role: 'assistant', content: answer.choices[0]!.message.content });
      }
    }
    const requests = gateway.upstream.requests.slice(first).map((request) => promptBlocks(request.body));
    expect(requests).toHaveLength(5);
    for (let n = 1; n < requests.length; n += 1) {
      expect(sharedPrefix(requests[n - 1]!, requests[n]!)).toBe(requests[n - 1]!.length);
      expect(requests[n]!.length).toBeGreaterThan(requests[n - 1]!.length);
    }
  });
});
