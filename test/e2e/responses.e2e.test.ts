import { createOpenAI } from '@ai-sdk/openai';
import { streamText } from 'ai';
import { startGateway, type GatewayUnderTest } from '../support/start-gateway.js';

const upstreamText = (gateway: GatewayUnderTest) => JSON.stringify(gateway.upstream.requests.at(-1)!.body.messages);

describe('Responses API end to end (real claude CLI)', () => {
  let gateway: GatewayUnderTest;
  beforeAll(async () => {
    gateway = await startGateway({ toolPolicy: { mode: 'none', allow: [], deny: [] } });
  });
  afterAll(() => gateway.close());

  test('openai-node responses.create: output_text, ids, usage', async () => {
    gateway.upstream.script({ kind: 'text', chunks: ['Hello', ' there.'] });
    const response = await gateway.client.responses.create({ model: 'sonnet', input: 'Say hello', instructions: 'Be brief.' });
    expect(response.output_text).toBe('Hello there.');
    expect(response).toMatchObject({ object: 'response', status: 'completed', model: 'sonnet' });
    expect(response.id).toMatch(/^resp_/);
    expect(response.output[0]).toMatchObject({ type: 'message', role: 'assistant', status: 'completed' });
    expect(response.usage).toMatchObject({ input_tokens: 29, input_tokens_details: { cached_tokens: 5 }, output_tokens: 7 });
    expect(JSON.stringify(gateway.upstream.requests.at(-1)!.body.system)).toContain('Be brief.');
  });

  test('openai-node responses.stream: deltas, then finalResponse', async () => {
    gateway.upstream.script({ kind: 'text', chunks: ['One, ', 'two, ', 'three.'] });
    const stream = gateway.client.responses.stream({ model: 'sonnet', input: 'Count to three' });
    let deltas = '';
    stream.on('response.output_text.delta', (event) => void (deltas += event.delta));
    const final = await stream.finalResponse();
    expect(deltas).toBe('One, two, three.');
    expect(final.output_text).toBe('One, two, three.');
    expect(final.status).toBe('completed');
  });

  test('previous_response_id: the upstream request of turn 2 holds turn 1', async () => {
    gateway.upstream.script({ kind: 'text', chunks: ['The capital is Paris.'] }, { kind: 'text', chunks: ['About 2 million.'] });
    const first = await gateway.client.responses.create({ model: 'sonnet', input: 'Capital of France?' });
    const second = await gateway.client.responses.create({ model: 'sonnet', input: 'Its population?', previous_response_id: first.id });
    expect(second.output_text).toBe('About 2 million.');
    const sent = upstreamText(gateway);
    expect(sent).toContain('Capital of France?');
    expect(sent).toContain('The capital is Paris.');
    expect(sent).toContain('Its population?');
    expect((await gateway.client.responses.retrieve(second.id)).output_text).toBe('About 2 million.');
  });

  test('a function call round trip through function_call_output, streamed', async () => {
    gateway.upstream.script(
      { kind: 'tool_use', calls: [{ name: 'mcp__client__get_weather', input: { city: 'Oslo' } }] },
      { kind: 'text', chunks: ['Oslo: 3°C.'] },
    );
    const tools = [{ type: 'function' as const, name: 'get_weather', description: 'Weather', strict: true, parameters: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'], additionalProperties: false } }];
    const stream = gateway.client.responses.stream({ model: 'sonnet', input: 'Weather in Oslo?', tools });
    const first = await stream.finalResponse();
    const call = first.output.find((item) => item.type === 'function_call');
    expect(call).toMatchObject({ type: 'function_call', name: 'get_weather', arguments: '{"city":"Oslo"}', status: 'completed' });
    expect(first.output.some((item) => item.type === 'message')).toBe(false);
    const second = await gateway.client.responses.create({
      model: 'sonnet',
      tools,
      previous_response_id: first.id,
      input: [{ type: 'function_call_output', call_id: (call as { call_id: string }).call_id, output: '3°C' }],
    });
    expect(second.output_text).toBe('Oslo: 3°C.');
    expect(upstreamText(gateway)).toContain('3°C');
  });

  test('text.format json_schema: the output is the validated JSON', async () => {
    gateway.upstream.script({ kind: 'tool_use', calls: [{ name: 'StructuredOutput', input: { name: 'Alice', age: 30 } }] });
    const schema = { type: 'object', properties: { name: { type: 'string' }, age: { type: 'number' } }, required: ['name', 'age'], additionalProperties: false };
    const response = await gateway.client.responses.create({ model: 'sonnet', input: 'Who?', text: { format: { type: 'json_schema', name: 'person', schema, strict: true } } });
    expect(JSON.parse(response.output_text)).toEqual({ name: 'Alice', age: 30 });
  });

  test('Vercel AI SDK openai.responses(): streamText', async () => {
    gateway.upstream.script({ kind: 'text', chunks: ['Streamed ', 'via ', 'responses.'] });
    const openai = createOpenAI({ baseURL: `${gateway.url}/v1`, apiKey: 'unused' });
    const result = streamText({ model: openai.responses('sonnet'), prompt: 'Hi' });
    let text = '';
    for await (const part of result.textStream) text += part;
    expect(text).toBe('Streamed via responses.');
    expect((await result.finishReason)).toBe('stop');
  });

  test('sessions on chat completions over the real CLI: the second upstream request holds the first exchange', async () => {
    gateway.upstream.script({ kind: 'text', chunks: ['Noted: blue.'] }, { kind: 'text', chunks: ['Blue.'] });
    const ask = (content: string) =>
      gateway.client.chat.completions.create({ model: 'sonnet', messages: [{ role: 'user', content }], session_id: 'e2e-colour' } as never);
    await ask('My favourite colour is blue.');
    const second = (await ask('What is it?')) as unknown as { choices: Array<{ message: { content: string } }> };
    expect(second.choices[0]!.message.content).toBe('Blue.');
    const sent = upstreamText(gateway);
    expect(sent).toContain('My favourite colour is blue.');
    expect(sent).toContain('Noted: blue.');
  });
  // Last: a CLI cut off at max_tokens asks the model to go on at once, and under load that request can leave before
  // the gateway stops the CLI (parameters.e2e.test.ts); it would take the next test's scripted reply.
  test('max_output_tokens: the limit reaches the upstream; the response is incomplete', async () => {
    gateway.upstream.script({ kind: 'text', chunks: ['Cut sh'], stopReason: 'max_tokens' });
    const response = await gateway.client.responses.create({ model: 'sonnet', input: 'Write a lot', max_output_tokens: 16 });
    expect(gateway.upstream.requests.at(-1)!.body.max_tokens).toBe(16);
    expect(response).toMatchObject({ status: 'incomplete', incomplete_details: { reason: 'max_output_tokens' } });
    expect(response.output_text).toBe('Cut sh');
  });
});
