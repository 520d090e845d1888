import { createAnthropic } from '@ai-sdk/anthropic';
import { createOpenAICompatible } from '@ai-sdk/openai-compatible';
import { isStepCount, streamText, tool } from 'ai';
import { z } from 'zod';
import { startGateway, type GatewayUnderTest } from '../support/start-gateway.js';

/** A weather tool that answers `${degrees} in ${city}` and records each city it was asked for. */
function weatherTool(degrees: string) {
  const calls: string[] = [];
  const weather = tool({
    description: 'Weather for a city',
    inputSchema: z.object({ city: z.string() }),
    execute: async ({ city }) => {
      calls.push(city);
      return `${degrees} in ${city}`;
    },
  });
  return { calls, tools: { weather } };
}

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
    const { calls, tools } = weatherTool('18°C');
    const result = streamText({ model: provider.chatModel('sonnet'), prompt: 'Weather in Paris?', tools, stopWhen: isStepCount(3) });
    let text = '';
    for await (const part of result.textStream) text += part;
    expect(calls).toEqual(['Paris']);
    expect(text).toContain('Paris: 18°C.');
    const second = JSON.stringify(gateway.upstream.requests.at(-1)!.body.messages);
    expect(second).toContain('18°C in Paris');
    expect(second).toContain('name=\\"weather\\"');
  });

  test('streamText with a tool completes a round trip through @ai-sdk/anthropic (/v1/messages)', async () => {
    gateway.upstream.script(
      { kind: 'tool_use', chunks: ['Checking.'], calls: [{ name: 'mcp__client__weather', input: { city: 'Oslo' } }] },
      { kind: 'text', chunks: ['Oslo: ', '3°C.'] },
    );
    const anthropic = createAnthropic({ baseURL: `${gateway.url}/v1`, apiKey: 'unused' });
    const { calls, tools } = weatherTool('3°C');
    const result = streamText({ model: anthropic('claude-sonnet-4-5'), prompt: 'Weather in Oslo?', tools, stopWhen: isStepCount(3) });
    let text = '';
    for await (const part of result.textStream) text += part;
    expect(calls).toEqual(['Oslo']);
    expect(text).toContain('Oslo: 3°C.');
    expect(JSON.stringify(gateway.upstream.requests.at(-1)!.body.messages)).toContain('3°C in Oslo');
  });
});

