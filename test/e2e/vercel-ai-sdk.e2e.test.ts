import { createOpenAICompatible } from '@ai-sdk/openai-compatible';
import { isStepCount, streamText, tool } from 'ai';
import { z } from 'zod';
import { startGateway, type GatewayUnderTest } from '../support/start-gateway.js';

describe('Vercel AI SDK end to end (real claude CLI)', () => {
  let gateway: GatewayUnderTest;
  beforeAll(async () => {
    gateway = await startGateway({ toolPolicy: { mode: 'none', allow: [], deny: [] } });
  });
  afterAll(() => gateway.close());

  test('streamText with a tool completes a round trip through @ai-sdk/openai-compatible', async () => {
    gateway.upstream.script(
      { kind: 'tool_use', chunks: ['Checking.'], calls: [{ name: 'mcp__client__weather', input: { city: 'Paris' } }] },
      { kind: 'text', chunks: ['Paris: ', '18°C.'] },
    );
    const provider = createOpenAICompatible({ name: 'gateway', baseURL: `${gateway.url}/v1`, apiKey: 'unused' });
    const calls: string[] = [];
    const result = streamText({
      model: provider.chatModel('sonnet'),
      prompt: 'Weather in Paris?',
      tools: {
        weather: tool({
          description: 'Weather for a city',
          inputSchema: z.object({ city: z.string() }),
          execute: async ({ city }) => {
            calls.push(city);
            return `18°C in ${city}`;
          },
        }),
      },
      stopWhen: isStepCount(3),
    });
    let text = '';
    for await (const part of result.textStream) text += part;
    expect(calls).toEqual(['Paris']);
    expect(text).toContain('Paris: 18°C.');
    const second = JSON.stringify(gateway.upstream.requests.at(-1)!.body.messages);
    expect(second).toContain('18°C in Paris');
    expect(second).toContain('name=\\"weather\\"');
  });
});
