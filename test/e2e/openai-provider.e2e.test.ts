import Anthropic from '@anthropic-ai/sdk';
import { mkdtempSync, renameSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execa } from 'execa';
import { bundledCliPath } from '../support/cli-under-test.js';
import { startFakeOpenAi, type FakeOpenAi } from '../support/fake-openai.js';
import { pngDataUrl } from '../support/images.js';
import { modelRequest } from '../support/model-request.js';
import { eventually } from '../support/proc.js';
import { startGateway, type GatewayUnderTest } from '../support/start-gateway.js';

process.env.FAKE_OPENAI_KEY = 'sk-local-provider';

/** A config file routing to the fake OpenAI-compatible server, written as an editor saves: a new file renamed over. */
function writeConfig(path: string, fake: FakeOpenAi, extra = '') {
  const text = `providers:
  - name: local
    type: openai
    base_url: ${fake.url}
    api_key: \${FAKE_OPENAI_KEY}
    models: [qwen3:8b]
models:
  qwen: local/qwen3:8b
${extra}`;
  writeFileSync(`${path}.tmp`, text);
  renameSync(`${path}.tmp`, path);
}

describe('an OpenAI-compatible provider behind the gateway (fake OpenAI server)', () => {
  let fake: FakeOpenAi;
  let gateway: GatewayUnderTest;
  let configFile: string;
  beforeAll(async () => {
    fake = await startFakeOpenAi();
    configFile = join(mkdtempSync(join(tmpdir(), 'ccg-config-')), 'gateway.yaml');
    writeConfig(configFile, fake, 'overrides:\n  local/qwen3:8b: {max_tokens: 4096}\n');
    gateway = await startGateway({ poolSize: 0, configFile, stallTimeoutMs: 1500, app: { apiKeys: ['gateway-key'] } });
    gateway.client.apiKey = 'gateway-key';
  });
  afterAll(async () => {
    await gateway.close();
    await fake.close();
  });

  test('OpenAI client, non-streaming: the routed model answers under the name asked for; the route is in a header', async () => {
    fake.script({ kind: 'text', chunks: ['Hi ', 'there.'], usage: { prompt: 20, completion: 4, cached: 5 } });
    const { data, response } = await gateway.client.chat.completions
      .create({ model: 'qwen', temperature: 0.3, seed: 7, messages: [{ role: 'system', content: 'Be brief.' }, { role: 'user', content: 'Hello' }] })
      .withResponse();
    expect(data.model).toBe('qwen');
    expect(data.choices[0]!.message.content).toBe('Hi there.');
    expect(data.usage).toMatchObject({ prompt_tokens: 20, completion_tokens: 4, prompt_tokens_details: { cached_tokens: 5 } });
    expect(response.headers.get('x-gateway-route')).toBe('local/qwen3:8b');
    expect(response.headers.get('x-ignored-params')).toBeNull(); // temperature and seed went upstream
    const sent = fake.requests.at(-1)!;
    expect(sent.headers.authorization).toBe('Bearer sk-local-provider'); // the provider's key, not the client's
    expect(sent.body).toMatchObject({
      model: 'qwen3:8b',
      stream: true,
      stream_options: { include_usage: true },
      temperature: 0.3,
      seed: 7,
      max_tokens: 4096, // the override
      messages: [{ role: 'system', content: 'Be brief.' }, { role: 'user', content: 'Hello' }],
    });
  });

  test('OpenAI client, streaming: text and reasoning arrive as chunks', async () => {
    fake.script({ kind: 'text', reasoning: ['Thinking.'], chunks: ['One ', 'two.'] });
    const asked = { model: 'qwen', stream: true as const, include_reasoning: true, messages: [{ role: 'user' as const, content: 'Count' }] };
    const stream = await gateway.client.chat.completions.create(asked);
    let text = '';
    let reasoning = '';
    let finish: string | null | undefined;
    for await (const chunk of stream) {
      const delta = chunk.choices[0]?.delta as { content?: string; reasoning_content?: string } | undefined;
      text += delta?.content ?? '';
      reasoning += delta?.reasoning_content ?? '';
      finish = chunk.choices[0]?.finish_reason ?? finish;
    }
    expect(text).toBe('One two.');
    expect(reasoning).toBe('Thinking.');
    expect(finish).toBe('stop');
  });

  test('tool calls round trip, and an image goes upstream as a data URL', async () => {
    fake.script({ kind: 'tool_calls', calls: [{ id: 'call_1', name: 'get_weather', arguments: '{"city":"Paris"}' }] });
    const tools = [{ type: 'function' as const, function: { name: 'get_weather', parameters: { type: 'object', properties: { city: { type: 'string' } } } } }];
    const first = await gateway.client.chat.completions.create({ model: 'qwen', tools, messages: [{ role: 'user', content: 'Weather?' }] });
    expect(first.choices[0]!.finish_reason).toBe('tool_calls');
    expect(first.choices[0]!.message.tool_calls).toEqual([{ id: 'call_1', type: 'function', function: { name: 'get_weather', arguments: '{"city":"Paris"}' } }]);
    fake.script({ kind: 'text', chunks: ['18°C in Paris.'] });
    const second = await gateway.client.chat.completions.create({
      model: 'qwen',
      tools,
      messages: [
        { role: 'user', content: [{ type: 'text', text: 'Weather? See:' }, { type: 'image_url', image_url: { url: pngDataUrl } }] },
        first.choices[0]!.message,
        { role: 'tool', tool_call_id: 'call_1', content: '18°C' },
      ],
    });
    expect(second.choices[0]!.message.content).toBe('18°C in Paris.');
    const sent = fake.requests.at(-1)!.body;
    expect(sent.messages).toEqual([
      { role: 'user', content: [{ type: 'text', text: 'Weather? See:' }, { type: 'image_url', image_url: { url: pngDataUrl } }] },
      { role: 'assistant', content: null, tool_calls: [{ id: 'call_1', type: 'function', function: { name: 'get_weather', arguments: '{"city":"Paris"}' } }] },
      { role: 'tool', tool_call_id: 'call_1', content: '18°C' },
    ]);
    expect(sent.tools).toEqual([{ type: 'function', function: { name: 'get_weather', parameters: tools[0]!.function.parameters } }]);
  });

  test('logprobs, asked for, come back per token, streaming and not; the request asked the provider for them', async () => {
    fake.script({ kind: 'text', chunks: ['Hi', '!'], logprobs: true });
    const whole = await gateway.client.chat.completions.create({ model: 'qwen', logprobs: true, top_logprobs: 1, messages: [{ role: 'user', content: 'Hi' }] });
    expect(fake.requests.at(-1)!.body).toMatchObject({ logprobs: true, top_logprobs: 1 });
    const token = (text: string) => ({ token: text, logprob: -0.25, bytes: [...Buffer.from(text)] });
    expect(whole.choices[0]!.logprobs).toEqual({ content: [{ ...token('Hi'), top_logprobs: [token('Hi')] }, { ...token('!'), top_logprobs: [token('!')] }] });
    fake.script({ kind: 'text', chunks: ['Yo'], logprobs: true });
    const stream = await gateway.client.chat.completions.create({ model: 'qwen', stream: true, logprobs: true, messages: [{ role: 'user', content: 'Hi' }] });
    const streamed = [];
    for await (const chunk of stream) if (chunk.choices[0]?.logprobs) streamed.push(...(chunk.choices[0].logprobs.content ?? []));
    expect(streamed).toEqual([{ ...token('Yo'), top_logprobs: [token('Yo')] }]);
    expect(fake.requests.at(-1)!.body).toMatchObject({ logprobs: true });
    expect(fake.requests.at(-1)!.body.top_logprobs).toBeUndefined();
  });

  test.each([
    [{ kind: 'error' as const, status: 401 }, 502, 'upstream_unauthorized'],
    [{ kind: 'error' as const, status: 429, headers: { 'retry-after': '7' } }, 429, 'upstream_rate_limited'],
    [{ kind: 'error' as const, status: 500 }, 502, 'upstream_error'],
    [{ kind: 'stall' as const, chunks: [] }, 504, 'timeout'],
  ])('upstream %j → %i %s', async (reply, status, code) => {
    fake.script(reply);
    const error = await gateway.client.chat.completions.create({ model: 'qwen', messages: [{ role: 'user', content: 'Hi' }] }).catch((e: unknown) => e);
    expect(error).toMatchObject({ status, code });
    if (status === 429) expect((error as { headers: Headers }).headers.get('retry-after')).toBe('7');
  });

  test('a client that goes away aborts the upstream request', async () => {
    fake.script({ kind: 'stall', chunks: ['Partial'] });
    const controller = new AbortController();
    const stream = await gateway.client.chat.completions.create({ model: 'qwen', stream: true, messages: [{ role: 'user', content: 'Hi' }] }, { signal: controller.signal });
    for await (const chunk of stream) if (chunk.choices[0]?.delta.content) break; // the client stops reading and goes
    controller.abort();
    await expect(Promise.race([fake.requests.at(-1)!.aborted.then(() => 'closed'), new Promise((r) => setTimeout(() => r('open'), 5000))])).resolves.toBe('closed');
  });

  test('Anthropic SDK → /v1/messages: text, stream events, tool_use round trip, thinking from reasoning_content', async () => {
    const anthropic = new Anthropic({ baseURL: gateway.url, apiKey: 'gateway-key', maxRetries: 0 });
    fake.script({ kind: 'text', reasoning: ['Let me think.'], chunks: ['Bonjour.'] });
    const message = await anthropic.messages.create({ model: 'qwen', max_tokens: 2000, thinking: { type: 'enabled', budget_tokens: 1024 }, messages: [{ role: 'user', content: 'Hi' }] });
    expect(message.model).toBe('qwen');
    expect(message.content).toEqual([expect.objectContaining({ type: 'thinking', thinking: 'Let me think.' }), { type: 'text', text: 'Bonjour.' }]);
    expect(fake.requests.at(-1)!.body).toMatchObject({ model: 'qwen3:8b', max_tokens: 4096 });

    fake.script({ kind: 'tool_calls', chunks: ['Checking.'], calls: [{ id: 'call_9', name: 'lookup', arguments: '{"q":"x"}' }] });
    const tools = [{ name: 'lookup', input_schema: { type: 'object' as const, properties: { q: { type: 'string' } } } }];
    const events: string[] = [];
    const stream = anthropic.messages.stream({ model: 'qwen', max_tokens: 300, tools, messages: [{ role: 'user', content: 'Look it up' }] });
    for await (const event of stream) events.push(event.type);
    const streamed = await stream.finalMessage();
    expect(events[0]).toBe('message_start');
    expect(events).toContain('content_block_start');
    expect(events.at(-1)).toBe('message_stop');
    expect(streamed.stop_reason).toBe('tool_use');
    expect(streamed.content).toEqual([expect.objectContaining({ type: 'text', text: 'Checking.' }), { type: 'tool_use', id: 'call_9', name: 'lookup', input: { q: 'x' } }]);

    fake.script({ kind: 'text', chunks: ['Found x.'] });
    const answer = await anthropic.messages.create({
      model: 'qwen',
      max_tokens: 300,
      tools,
      messages: [
        { role: 'user', content: 'Look it up' },
        { role: 'assistant', content: streamed.content },
        { role: 'user', content: [{ type: 'tool_result', tool_use_id: 'call_9', content: 'x is 42' }] },
      ],
    });
    expect(answer.content).toEqual([expect.objectContaining({ type: 'text', text: 'Found x.' })]);
    expect(fake.requests.at(-1)!.body.messages.slice(1)).toEqual([
      { role: 'assistant', content: 'Checking.', tool_calls: [{ id: 'call_9', type: 'function', function: { name: 'lookup', arguments: '{"q":"x"}' } }] },
      { role: 'tool', tool_call_id: 'call_9', content: 'x is 42' },
    ]);
  });

  test('GET /v1/models lists the configured models; /health reports the provider reachable', async () => {
    const ids = (await gateway.client.models.list()).data.map((model) => model.id);
    expect(ids).toEqual(expect.arrayContaining(['qwen', 'local/qwen3:8b', 'sonnet']));
    const health = (await (await fetch(`${gateway.url}/health`)).json()) as { providers: Record<string, { reachable: boolean }> };
    expect(health.providers).toEqual({ local: { reachable: true, problem: null } });
  });

  test('hot reload: a change routes new requests at once; a bad file is refused and the last good config stays; a request in flight finishes', async () => {
    fake.script({ kind: 'text', chunks: ['slow ', 'answer'], delayMs: 300 });
    const inFlight = gateway.client.chat.completions.create({ model: 'qwen', messages: [{ role: 'user', content: 'Slow' }] });
    await eventually(() => fake.requests.at(-1)?.body.messages[0]?.content === 'Slow');
    writeConfig(configFile, fake, 'router:\n  default: local/other-model\n');
    // the change: a Claude name now goes to the router's default
    const routeOf = (model: string) => gateway.routing.router.select(modelRequest({ model })).route;
    expect(await eventually(() => routeOf('claude-sonnet-5') === 'local/other-model', 5000)).toBe(true);
    await gateway.client.chat.completions.create({ model: 'claude-sonnet-5', messages: [{ role: 'user', content: 'Routed' }] });
    expect(fake.requests.at(-1)!.body.model).toBe('other-model');
    expect((await inFlight).choices[0]!.message.content).toBe('slow answer');

    writeFileSync(configFile, 'providers:\n  - name: local\n    type: carrier-pigeon\n');
    expect(await eventually(() => gateway.routingErrors.length > 0, 5000)).toBe(true);
    expect(gateway.routingErrors.at(-1)).toMatch(/providers\[0\]\.type/);
    await gateway.client.chat.completions.create({ model: 'claude-sonnet-5', messages: [{ role: 'user', content: 'Still' }] });
    expect(fake.requests.at(-1)!.body.model).toBe('other-model');
  });

  test('Claude Code itself on a model routed to the provider: a prompt, and a Read tool loop', async () => {
    const project = mkdtempSync(join(tmpdir(), 'ccg-project-'));
    writeFileSync(join(project, 'notes.txt'), 'the secret word is pineapple\n');
    const run = (prompt: string) =>
      execa(bundledCliPath, ['-p', prompt, '--model', 'qwen', '--output-format', 'json'], {
        cwd: project,
        env: { PATH: '/usr/bin:/bin', HOME: mkdtempSync(join(tmpdir(), 'ccg-client-home-')), ANTHROPIC_BASE_URL: gateway.url, ANTHROPIC_API_KEY: 'gateway-key', DISABLE_AUTOUPDATER: '1', CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC: '1' },
        extendEnv: false,
        stdin: 'ignore',
        timeout: 90_000,
        reject: false,
      });
    writeConfig(configFile, fake); // qwen → local/qwen3:8b and no router: any haiku request Claude Code makes stays on the CLI
    expect(await eventually(() => gateway.routing.router.select(modelRequest({ model: 'claude-sonnet-5' })).route === 'claude-cli/claude-sonnet-5', 5000)).toBe(true);
    fake.script({ kind: 'text', chunks: ['Hello from qwen.'] });
    const plain = await run('Say hello');
    expect(JSON.parse(plain.stdout)).toMatchObject({ is_error: false, result: 'Hello from qwen.' });
    fake.script(
      { kind: 'tool_calls', chunks: ['Reading.'], calls: [{ id: 'call_r', name: 'Read', arguments: JSON.stringify({ file_path: join(project, 'notes.txt') }) }] },
      { kind: 'text', chunks: ['The word is pineapple.'] },
    );
    const loop = await run('What is the secret word in notes.txt?');
    expect(JSON.parse(loop.stdout)).toMatchObject({ is_error: false, result: 'The word is pineapple.' });
    const toolResult = fake.requests.at(-1)!.body.messages.find((m) => m.role === 'tool') as { content: string };
    expect(toolResult.content).toContain('pineapple');
  }, 180_000);
});

