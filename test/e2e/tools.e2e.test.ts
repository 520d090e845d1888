import type OpenAI from 'openai';
import { startGateway, type GatewayUnderTest } from '../support/start-gateway.js';

const weatherTool: OpenAI.Chat.Completions.ChatCompletionTool = {
  type: 'function',
  function: {
    name: 'get_weather',
    description: 'Current weather for a city',
    parameters: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] },
  },
};
const timeTool: OpenAI.Chat.Completions.ChatCompletionTool = {
  type: 'function',
  function: { name: 'get_time', description: 'Local time', parameters: { type: 'object', properties: { tz: { type: 'string' } } } },
};
const twoCalls = {
  kind: 'tool_use' as const,
  chunks: ['Let me check.'],
  calls: [
    { name: 'mcp__client__get_weather', input: { city: 'Paris' } },
    { name: 'mcp__client__get_time', input: { tz: 'CET' } },
  ],
};

/** Client tools through the real CLI: offered natively, intercepted before the CLI runs anything. */
describe('client tools end to end (real claude CLI)', () => {
  let gateway: GatewayUnderTest;
  beforeAll(async () => {
    gateway = await startGateway({ toolPolicy: { mode: 'none', allow: [], deny: [] } });
  });
  afterAll(() => gateway.close());
  const upstreamBody = (fromEnd = 1) => gateway.upstream.requests.at(-fromEnd)!.body;
  const upstreamText = (fromEnd = 1) => JSON.stringify(upstreamBody(fromEnd).messages);

  test('the upstream request offers exactly the client tools, with their schemas', async () => {
    await gateway.client.chat.completions.create({ model: 'sonnet', messages: [{ role: 'user', content: 'Hi' }], tools: [weatherTool, timeTool] });
    const tools = upstreamBody().tools as unknown as Array<{ name: string; description: string; input_schema: unknown }>;
    expect(tools.map((t) => t.name).sort()).toEqual(['mcp__client__get_time', 'mcp__client__get_weather']);
    expect(tools.find((t) => t.name === 'mcp__client__get_weather')).toEqual({
      name: 'mcp__client__get_weather',
      description: 'Current weather for a city',
      input_schema: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] },
    });
  });

  test('non-streaming: several calls in one turn become indexed tool_calls, and the CLI runs none of them', async () => {
    gateway.upstream.script(twoCalls);
    const before = gateway.upstream.requests.length;
    const completion = await gateway.client.chat.completions.create({
      model: 'sonnet',
      messages: [{ role: 'user', content: 'Weather and time in Paris?' }],
      tools: [weatherTool, timeTool],
    });
    const choice = completion.choices[0]!;
    expect(choice.finish_reason).toBe('tool_calls');
    expect(choice.message.content).toBe('Let me check.');
    expect(choice.message.tool_calls).toEqual([
      { id: expect.stringMatching(/^toolu_/), type: 'function', function: { name: 'get_weather', arguments: '{"city":"Paris"}' } },
      { id: expect.stringMatching(/^toolu_/), type: 'function', function: { name: 'get_time', arguments: '{"tz":"CET"}' } },
    ]);
    expect(gateway.upstream.requests.length).toBe(before + 1); // deferred: no tool ran, no second model call
  });

  test('streaming: the SDK stream() helper assembles the same tool calls', async () => {
    gateway.upstream.script(twoCalls);
    const stream = gateway.client.chat.completions.stream({
      model: 'sonnet',
      messages: [{ role: 'user', content: 'Weather and time in Paris?' }],
      tools: [weatherTool, timeTool],
    });
    const final = await stream.finalChatCompletion();
    expect(final.choices[0]!.finish_reason).toBe('tool_calls');
    expect(final.choices[0]!.message.tool_calls!.map((c) => (c.type === 'function' ? [c.function.name, c.function.arguments] : []))).toEqual([
      ['get_weather', '{"city":"Paris"}'],
      ['get_time', '{"tz":"CET"}'],
    ]);
  });

  test('parallel_tool_calls: false returns the first call only', async () => {
    gateway.upstream.script(twoCalls);
    const completion = await gateway.client.chat.completions.create({
      model: 'sonnet',
      messages: [{ role: 'user', content: 'Weather and time?' }],
      tools: [weatherTool, timeTool],
      parallel_tool_calls: false,
    });
    expect(completion.choices[0]!.message.tool_calls!.map((c) => (c.type === 'function' ? c.function.name : ''))).toEqual(['get_weather']);
  });

  test('runTools() completes a round trip: the tool result reaches the model, tied to its call', async () => {
    gateway.upstream.script({ kind: 'tool_use', calls: [{ name: 'mcp__client__get_weather', input: { city: 'Paris' } }] }, { kind: 'text', chunks: ['It is 18°C in Paris.'] });
    const calls: unknown[] = [];
    const runner = gateway.client.chat.completions.runTools({
      model: 'sonnet',
      messages: [{ role: 'user', content: 'Weather in Paris?' }],
      tools: [
        {
          type: 'function',
          function: {
            name: 'get_weather',
            description: 'Current weather for a city',
            parameters: { type: 'object', properties: { city: { type: 'string' } } },
            parse: (input: string) => JSON.parse(input) as { city: string },
            function: (args: { city: string }) => {
              calls.push(args);
              return `18°C and sunny in ${args.city}`;
            },
          },
        },
      ],
    });
    expect(await runner.finalContent()).toBe('It is 18°C in Paris.');
    expect(calls).toEqual([{ city: 'Paris' }]);
    const history = upstreamText();
    expect(history).toMatch(/<tool_call id=\\"toolu_fake_\d+\\" name=\\"get_weather\\">\{\\"city\\":\\"Paris\\"\}<\/tool_call>/);
    expect(history).toMatch(/<tool_result tool_call_id=\\"toolu_fake_\d+\\" name=\\"get_weather\\">\\n18°C and sunny in Paris\\n<\/tool_result>/);
  });

  test('a streaming runTools() round trip works too', async () => {
    gateway.upstream.script({ kind: 'tool_use', calls: [{ name: 'mcp__client__get_time', input: { tz: 'UTC' } }] }, { kind: 'text', chunks: ['It is ', 'noon.'] });
    const runner = gateway.client.chat.completions.runTools({
      model: 'sonnet',
      stream: true,
      messages: [{ role: 'user', content: 'Time?' }],
      tools: [{ type: 'function', function: { name: 'get_time', description: 'Local time', parameters: { type: 'object', properties: {} }, function: () => '12:00' } }],
    });
    expect(await runner.finalContent()).toBe('It is noon.');
  });

  test('a call without arguments has arguments "{}", stream and not', async () => {
    const noArgs = { kind: 'tool_use' as const, calls: [{ name: 'mcp__client__get_time', input: {} }] };
    gateway.upstream.script(noArgs, noArgs);
    const completion = await gateway.client.chat.completions.create({ model: 'sonnet', messages: [{ role: 'user', content: 'Time?' }], tools: [timeTool] });
    const call = completion.choices[0]!.message.tool_calls![0]!;
    expect(call.type === 'function' && call.function.arguments).toBe('{}');
    const final = await gateway.client.chat.completions.stream({ model: 'sonnet', messages: [{ role: 'user', content: 'Time?' }], tools: [timeTool] }).finalChatCompletion();
    const streamed = final.choices[0]!.message.tool_calls![0]!;
    expect(streamed.type === 'function' && streamed.function.arguments).toBe('{}');
  });
});
