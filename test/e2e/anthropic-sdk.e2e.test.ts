import Anthropic from '@anthropic-ai/sdk';
import AnthropicV0 from 'anthropic-sdk-0';
import { pngBase64 } from '../support/images.js';
import { processGone, startGateway, type GatewayUnderTest } from '../support/start-gateway.js';

const weather = { name: 'get_weather', description: 'Weather for a city', input_schema: { type: 'object' as const, properties: { city: { type: 'string' } }, required: ['city'] } };
const lastPrompt = (gateway: GatewayUnderTest) => JSON.stringify(gateway.upstream.requests.at(-1)!.body.messages);

async function failure(promise: Promise<unknown>): Promise<InstanceType<typeof Anthropic.APIError>> {
  const error = await promise.then(() => undefined, (thrown: unknown) => thrown);
  if (!(error instanceof Anthropic.APIError)) throw new Error(`expected an APIError, got ${String(error)}`);
  return error;
}

describe('the Anthropic SDK (1.x) end to end (real claude CLI)', () => {
  let gateway: GatewayUnderTest;
  let client: Anthropic;
  beforeAll(async () => {
    gateway = await startGateway({ toolPolicy: { mode: 'none', allow: [], deny: [] } });
    client = new Anthropic({ baseURL: gateway.url, apiKey: 'unused', maxRetries: 0, timeout: 60_000 });
  });
  afterAll(() => gateway.close());

  test('messages.create: the answer, usage, and the system prompt upstream', async () => {
    const message = await client.messages.create({ model: 'sonnet', max_tokens: 1024, system: 'You are terse.', messages: [{ role: 'user', content: 'Hi' }] });
    expect(message).toMatchObject({ type: 'message', role: 'assistant', model: 'sonnet', content: [{ type: 'text', text: 'Hello from fake.' }], stop_reason: 'end_turn' });
    expect(message.usage).toMatchObject({ input_tokens: 21, output_tokens: 7, cache_read_input_tokens: 5, cache_creation_input_tokens: 3 });
    expect(JSON.stringify(gateway.upstream.requests.at(-1)!.body.system)).toContain('You are terse.');
    expect(gateway.upstream.requests.at(-1)!.body.thinking).toEqual({ type: 'disabled' });
  });

  test('messages.stream(): text events as they arrive, and finalMessage()', async () => {
    gateway.upstream.script({ kind: 'text', chunks: ['One, ', 'two, ', 'three.'] });
    const texts: string[] = [];
    const stream = client.messages.stream({ model: 'sonnet', max_tokens: 1024, messages: [{ role: 'user', content: 'Count.' }] });
    stream.on('text', (text) => texts.push(text));
    const message = await stream.finalMessage();
    expect(texts).toEqual(['One, ', 'two, ', 'three.']);
    expect(message.content).toEqual([{ type: 'text', text: 'One, two, three.', citations: null }].map(({ citations: _, ...block }) => expect.objectContaining(block)));
    expect(message.stop_reason).toBe('end_turn');
  });

  test('a tool round trip, streamed: input_json deltas build the input; the result reaches the model tied to its call', async () => {
    gateway.upstream.script(
      { kind: 'tool_use', chunks: ['Checking.'], calls: [{ name: 'mcp__client__get_weather', input: { city: 'Paris' } }] },
      { kind: 'text', chunks: ['Paris: 18°C.'] },
    );
    const partials: string[] = [];
    const stream = client.messages.stream({ model: 'sonnet', max_tokens: 1024, tools: [weather], messages: [{ role: 'user', content: 'Weather in Paris?' }] });
    stream.on('inputJson', (partial) => partials.push(partial));
    const first = await stream.finalMessage();
    const call = first.content.find((block) => block.type === 'tool_use');
    expect(first.stop_reason).toBe('tool_use');
    expect(call).toMatchObject({ type: 'tool_use', name: 'get_weather', input: { city: 'Paris' } });
    expect(partials.length).toBeGreaterThanOrEqual(2); // the fragments as the model wrote them
    const second = await client.messages.create({
      model: 'sonnet',
      max_tokens: 1024,
      tools: [weather],
      messages: [
        { role: 'user', content: 'Weather in Paris?' },
        { role: 'assistant', content: first.content },
        { role: 'user', content: [{ type: 'tool_result', tool_use_id: call!.id, content: '18°C, sunny' }] },
      ],
    });
    expect(second.content).toEqual([expect.objectContaining({ type: 'text', text: 'Paris: 18°C.' })]);
    expect(lastPrompt(gateway)).toContain('18°C, sunny');
    expect(lastPrompt(gateway)).toContain(call!.id);
  });

  test('a tool call, not streamed', async () => {
    gateway.upstream.script({ kind: 'tool_use', calls: [{ name: 'mcp__client__get_weather', input: { city: 'Rome' } }] });
    const message = await client.messages.create({ model: 'sonnet', max_tokens: 1024, tools: [weather], tool_choice: { type: 'any' }, messages: [{ role: 'user', content: 'Rome?' }] });
    expect(message.content).toEqual([expect.objectContaining({ type: 'tool_use', name: 'get_weather', input: { city: 'Rome' } })]);
    expect(gateway.upstream.requests.at(-1)!.body.tools!.map((tool) => tool.name)).toEqual(['mcp__client__get_weather']);
  });

  test('an image reaches the model as an image block', async () => {
    await client.messages.create({
      model: 'sonnet',
      max_tokens: 1024,
      messages: [{ role: 'user', content: [{ type: 'text', text: 'What is this?' }, { type: 'image', source: { type: 'base64', media_type: 'image/png', data: pngBase64 } }] }],
    });
    expect(lastPrompt(gateway)).toContain(pngBase64);
  });

  test('thinking, when asked for, comes back as a thinking block with its signature', async () => {
    gateway.upstream.script({ kind: 'text', thinking: ['Let me ', 'think.'], chunks: ['Four.'] });
    const message = await client.messages.create({ model: 'haiku', max_tokens: 4096, thinking: { type: 'enabled', budget_tokens: 2048 }, messages: [{ role: 'user', content: '2+2?' }] });
    expect(message.content[0]).toEqual({ type: 'thinking', thinking: 'Let me think.', signature: 'sig' });
    expect(gateway.upstream.requests.at(-1)!.body.thinking).toEqual({ type: 'enabled', budget_tokens: 2048 });
  });

  test('stop_sequences: stop_reason stop_sequence naming it', async () => {
    gateway.upstream.script({ kind: 'text', chunks: ['one two ', 'END three'] });
    const stopped = await client.messages.create({ model: 'sonnet', max_tokens: 1024, stop_sequences: ['END'], messages: [{ role: 'user', content: 'Go.' }] });
    expect(stopped).toMatchObject({ content: [{ type: 'text', text: 'one two ' }], stop_reason: 'stop_sequence', stop_sequence: 'END' });
  });

  test('max_tokens: stop_reason max_tokens (a gateway of its own: the CLI, stopped there, may have asked for more already)', async () => {
    const own = await startGateway({ toolPolicy: { mode: 'none', allow: [], deny: [] } });
    try {
      own.upstream.script({ kind: 'text', chunks: ['cut'], stopReason: 'max_tokens' });
      const limited = await new Anthropic({ baseURL: own.url, apiKey: 'unused', maxRetries: 0 }).messages.create({ model: 'sonnet', max_tokens: 2048, messages: [{ role: 'user', content: 'Go.' }] });
      expect(limited.stop_reason).toBe('max_tokens');
    } finally {
      await own.close();
    }
  });

  test('output_config.format (the title request of Claude Code): the answer is JSON matching the schema', async () => {
    gateway.upstream.script({ kind: 'tool_use', calls: [{ name: 'StructuredOutput', input: { title: 'Fix the login bug' } }] });
    const schema = { type: 'object', properties: { title: { type: 'string' } }, required: ['title'], additionalProperties: false };
    const body = { model: 'sonnet', max_tokens: 1024, messages: [{ role: 'user' as const, content: 'Title this session.' }], output_config: { format: { type: 'json_schema', schema } } };
    const message = await client.messages.create(body as Parameters<typeof client.messages.create>[0] & { stream?: false });
    const text = (message.content[0] as { text: string }).text;
    expect(JSON.parse(text)).toEqual({ title: 'Fix the login bug' });
    expect(gateway.upstream.requests.at(-1)!.body.tools!.map((tool) => tool.name)).toContain('StructuredOutput');
  });

  test('count_tokens, models.list() pagination and models.retrieve()', async () => {
    const counted = await client.messages.countTokens({ model: 'sonnet', system: 'Be brief.', messages: [{ role: 'user', content: 'Hello there' }], tools: [weather] });
    expect(counted.input_tokens).toBeGreaterThan(346);
    const ids: string[] = [];
    for await (const model of client.models.list({ limit: 3 })) ids.push(model.id);
    expect(ids).toEqual(expect.arrayContaining(['opus', 'sonnet', 'haiku', 'gpt-4o']));
    expect(await client.models.retrieve('sonnet')).toMatchObject({ id: 'sonnet', type: 'model', display_name: expect.any(String) });
  });

  test.each([
    [429, 'rate_limit_error', { kind: 'error' as const, status: 429, type: 'rate_limit_error' }],
    [529, 'overloaded_error', { kind: 'error' as const, status: 529, type: 'overloaded_error' }],
  ])('an upstream failure is the SDK error it should be: %i', async (status, type, reply) => {
    gateway.upstream.script(reply);
    const error = await failure(client.messages.create({ model: 'sonnet', max_tokens: 100, messages: [{ role: 'user', content: 'Hi' }] }));
    expect(error.status).toBe(status);
    expect((error.error as { error: { type: string } }).error.type).toBe(type);
  });

  test('an unknown model is a NotFoundError', async () => {
    const error = await failure(client.messages.create({ model: 'gpt-9000', max_tokens: 100, messages: [{ role: 'user', content: 'Hi' }] }));
    expect(error).toBeInstanceOf(Anthropic.NotFoundError);
  });

  test('a client that leaves mid-stream gets its CLI killed', async () => {
    gateway.upstream.script({ kind: 'stall', chunks: ['Working'] });
    const stream = client.messages.stream({ model: 'sonnet', max_tokens: 100, messages: [{ role: 'user', content: 'Hi' }] });
    stream.on('error', () => undefined); // the abort itself
    void stream.done().catch(() => undefined);
    await new Promise<void>((resolve) => stream.on('text', () => resolve()));
    stream.abort();
    expect(await processGone(gateway.pids.at(-1)!, 2000)).toBe(true);
  });
});

describe('an old Anthropic SDK (0.39, x-api-key and anthropic-version: 2023-06-01) end to end (real claude CLI)', () => {
  let gateway: GatewayUnderTest;
  beforeAll(async () => {
    gateway = await startGateway({ toolPolicy: { mode: 'none', allow: [], deny: [] }, app: { apiKeys: ['gateway-key'] } });
  });
  afterAll(() => gateway.close());

  test('create and stream, authenticated by x-api-key', async () => {
    const client = new AnthropicV0({ baseURL: gateway.url, apiKey: 'gateway-key', maxRetries: 0 });
    const message = await client.messages.create({ model: 'sonnet', max_tokens: 100, messages: [{ role: 'user', content: 'Hi' }] });
    expect(message.content).toEqual([expect.objectContaining({ type: 'text', text: 'Hello from fake.' })]);
    const streamed = await client.messages.stream({ model: 'sonnet', max_tokens: 100, messages: [{ role: 'user', content: 'Hi' }] }).finalMessage();
    expect(streamed.content).toEqual([expect.objectContaining({ type: 'text', text: 'Hello from fake.' })]);
    const wrong = new AnthropicV0({ baseURL: gateway.url, apiKey: 'wrong', maxRetries: 0 });
    await expect(wrong.messages.create({ model: 'sonnet', max_tokens: 100, messages: [{ role: 'user', content: 'Hi' }] })).rejects.toMatchObject({ status: 401 });
  });
});
