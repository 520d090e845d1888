import request from 'supertest';
import { createTestApp } from '../support/create-test-app.js';
import { finishEvent, reasoningBlock, textBlock, toolCallBlock } from '../support/events.js';
import { createFakeBackend } from '../support/fake-backend.js';
import { pngBase64 } from '../support/images.js';

const ask = { model: 'sonnet', max_tokens: 1024, messages: [{ role: 'user', content: 'Hello' }] };
const post = (app: ReturnType<typeof createTestApp>, body: unknown) =>
  request(app).post('/v1/messages?beta=true').set('anthropic-version', '2023-06-01').set('anthropic-beta', 'claude-code-20250219,made-up-beta').send(body as object);

describe('POST /v1/messages: the request', () => {
  test('a plain request reaches the backend as the core request: no thinking unless asked, the output limit', async () => {
    const { backend, requests } = createFakeBackend();
    await post(createTestApp(backend), ask).expect(200);
    expect(requests[0]).toMatchObject({
      model: 'sonnet',
      system: undefined,
      messages: [{ role: 'user', content: [{ type: 'text', text: 'Hello' }] }],
      maxOutputTokens: 1024,
      thinking: { type: 'off' },
      builtinTools: { names: [] },
      tools: [],
      toolChoice: { type: 'auto' },
    });
  });

  test('what Claude Code sends: billing line dropped, system blocks and a system message folded into the system prompt', async () => {
    const { backend, requests } = createFakeBackend();
    const body = {
      model: 'claude-opus-4-8',
      max_tokens: 64000,
      system: [
        { type: 'text', text: 'x-anthropic-billing-header: cc_version=2.1.197.1c0; cc_entrypoint=sdk-cli;' },
        { type: 'text', text: 'You are Claude Code.', cache_control: { type: 'ephemeral' } },
      ],
      messages: [
        { role: 'user', content: [{ type: 'text', text: '<system-reminder>date</system-reminder>' }, { type: 'text', text: 'Hi', cache_control: { type: 'ephemeral' } }] },
        { role: 'system', content: 'Available agent types: …' },
      ],
      thinking: { type: 'adaptive' },
      context_management: { edits: [{ type: 'clear_thinking_20251015', keep: 'all' }] },
      output_config: { effort: 'high' },
      metadata: { user_id: JSON.stringify({ device_id: 'abc', session_id: 'x' }) },
      stream: true,
    };
    const res = await post(createTestApp(backend), body).expect(200);
    expect(requests[0]).toMatchObject({
      model: 'claude-opus-4-8',
      system: 'You are Claude Code.\n\nAvailable agent types: …',
      messages: [{ role: 'user', content: [{ type: 'text', text: '<system-reminder>date</system-reminder>' }, { type: 'text', text: 'Hi' }] }],
      thinking: undefined,
      reasoningEffort: 'high',
    });
    expect(res.headers['x-ignored-params']).toBe('context_management');
  });

  test('tool history: tool_use and tool_result tied by id, thinking in history dropped, images and documents in place', async () => {
    const { backend, requests } = createFakeBackend();
    const messages = [
      { role: 'user', content: 'Read it.' },
      {
        role: 'assistant',
        content: [
          { type: 'thinking', thinking: 'I will read.', signature: 'sig-from-another-run' },
          { type: 'text', text: 'Reading.' },
          { type: 'tool_use', id: 'toolu_1', name: 'Read', input: { file_path: '/a' } },
        ],
      },
      {
        role: 'user',
        content: [
          { type: 'tool_result', tool_use_id: 'toolu_1', content: [{ type: 'text', text: 'line 1' }, { type: 'image', source: { type: 'base64', media_type: 'image/png', data: pngBase64 } }], is_error: false },
          { type: 'document', source: { type: 'text', data: 'a plain document' }, title: 'notes' },
        ],
      },
    ];
    await post(createTestApp(backend), { ...ask, messages }).expect(200);
    expect(requests[0]!.messages.slice(1)).toEqual([
      { role: 'assistant', content: [{ type: 'text', text: 'Reading.' }, { type: 'tool-call', id: 'toolu_1', name: 'Read', input: { file_path: '/a' } }] },
      {
        role: 'user',
        content: [
          { type: 'tool-result', toolCallId: 'toolu_1', name: 'Read', isError: false, content: [{ type: 'text', text: 'line 1' }, { type: 'image', mediaType: 'image/png', data: pngBase64 }] },
          { type: 'document', source: { type: 'text', text: 'a plain document' }, title: 'notes', context: undefined },
        ],
      },
    ]);
  });

  test('tools, tool_choice, disable_parallel_tool_use, stop_sequences, thinking budget and structured output', async () => {
    const { backend, requests } = createFakeBackend();
    const tools = [
      { name: 'get_weather', description: 'Weather', input_schema: { $schema: 'https://json-schema.org/draft/2020-12/schema', type: 'object', properties: { city: { type: 'string' } }, additionalProperties: false } },
      { type: 'web_search_20250305', name: 'web_search', max_uses: 3 },
    ];
    const body = {
      ...ask,
      max_tokens: 8000,
      tools,
      tool_choice: { type: 'tool', name: 'get_weather', disable_parallel_tool_use: true },
      stop_sequences: ['END', ''],
      thinking: { type: 'enabled', budget_tokens: 2048 },
      temperature: 0.2,
      top_k: 5,
    };
    const res = await post(createTestApp(backend), body).expect(200);
    expect(requests[0]).toMatchObject({
      tools: [{ name: 'get_weather', description: 'Weather', inputSchema: tools[0]!.input_schema }],
      builtinTools: { names: ['WebSearch'], param: 'tools[1]' },
      toolChoice: { type: 'tool', name: 'get_weather' },
      parallelToolCalls: false,
      stopSequences: ['END'],
      thinking: { type: 'budget', tokens: 2048 },
    });
    expect(res.headers['x-ignored-params']).toBe('top_k, tools[1].max_uses, temperature'); // the front's, then what the routed backend (the CLI) drops
    await post(createTestApp(backend), { ...ask, output_config: { format: { type: 'json_schema', schema: { type: 'object', properties: { title: { type: 'string' } } } } } }).expect(200);
    expect(requests[1]!.responseFormat).toEqual({ type: 'json', schema: { type: 'object', properties: { title: { type: 'string' } } } });
  });

  test.each([
    [{ ...ask, max_tokens: undefined }, 'max_tokens'],
    [{ ...ask, messages: [{ role: 'user', content: 42 }] }, 'messages[0].content'],
    [{ ...ask, messages: [{ role: 'user', content: [{ type: 'video', url: 'x' }] }] }, 'messages[0].content[0].type'],
    [{ ...ask, tools: [{ name: 'bad name', input_schema: { type: 'object' } }] }, 'tools[0].name'],
    [{ ...ask, tools: [{ name: 'f' }] }, 'tools[0].input_schema'],
    [{ ...ask, tool_choice: { type: 'tool', name: 'nope' } }, 'tool_choice.name'],
    [{ ...ask, thinking: { type: 'enabled', budget_tokens: 4096 } }, 'thinking.budget_tokens'],
    [{ ...ask, messages: [{ role: 'user', content: [{ type: 'tool_result', tool_use_id: 'never_made', content: 'x' }] }] }, 'messages[0].content[0].tool_use_id'],
    [{ ...ask, temperature: 'hot' }, 'temperature'],
    [{ ...ask, messages: [{ role: 'user', content: [{ type: 'document', source: { type: 'url', url: 'file:///etc/passwd' } }] }] }, 'messages[0].content[0].source.url'],
  ])('a bad field is a 400 invalid_request_error naming it: %#', async (body, param) => {
    const { backend, requests } = createFakeBackend();
    const res = await post(createTestApp(backend), body).expect(400);
    expect(res.body).toEqual({ type: 'error', error: { type: 'invalid_request_error', message: expect.stringContaining(param) }, request_id: expect.any(String) });
    expect(requests).toHaveLength(0);
  });

  test.each([
    [{ ...ask, tools: [{ type: 'bash_20250124', name: 'bash' }] }, /bash_20250124/],
    [{ ...ask, messages: [{ role: 'user', content: 'Hi' }, { role: 'assistant', content: 'The answer is' }] }, /prefill/],
  ])('what the CLI cannot do is a clear 400: %#', async (body, message) => {
    const { backend } = createFakeBackend();
    const res = await post(createTestApp(backend), body).expect(400);
    expect(res.body.error.message).toMatch(message);
  });
});

describe('POST /v1/messages: the response', () => {
  test('non-streaming: the message with text, thinking (asked for), tool_use, stop reason and usage', async () => {
    const events = [
      ...reasoningBlock('Let me think.', 'r', 'sig-1'),
      ...textBlock('Checking.'),
      ...toolCallBlock('toolu_9', 'get_weather', ['{"city":', '"Paris"}']),
      finishEvent('tool-calls', { inputTokens: 30, outputTokens: 12, cacheReadTokens: 100, cacheCreationTokens: 7 }),
    ];
    const { backend } = createFakeBackend(() => ({ events }));
    const res = await post(createTestApp(backend), { ...ask, thinking: { type: 'adaptive' } }).expect(200);
    expect(res.headers['request-id']).toBe(res.headers['x-request-id']);
    expect(res.body).toEqual({
      id: expect.stringMatching(/^msg_/),
      type: 'message',
      role: 'assistant',
      model: 'sonnet',
      content: [
        { type: 'thinking', thinking: 'Let me think.', signature: 'sig-1' },
        { type: 'text', text: 'Checking.' },
        { type: 'tool_use', id: 'toolu_9', name: 'get_weather', input: { city: 'Paris' } },
      ],
      stop_reason: 'tool_use',
      stop_sequence: null,
      usage: { input_tokens: 30, output_tokens: 12, cache_read_input_tokens: 100, cache_creation_input_tokens: 7 },
    });
  });

  test('thinking is not shown to a request that did not ask for it; a stop sequence is named', async () => {
    const events = [...reasoningBlock('hidden'), ...textBlock('Hi'), { ...finishEvent('stop'), raw: 'stop_sequence', stopSequence: 'END' }];
    const { backend } = createFakeBackend(() => ({ events }));
    const res = await post(createTestApp(backend), ask).expect(200);
    expect(res.body).toMatchObject({ content: [{ type: 'text', text: 'Hi' }], stop_reason: 'stop_sequence', stop_sequence: 'END' });
  });

  test('max_tokens and a tool call without arguments', async () => {
    const events = [...toolCallBlock('toolu_1', 'now'), finishEvent('length')];
    const { backend } = createFakeBackend(() => ({ events }));
    const res = await post(createTestApp(backend), ask).expect(200);
    expect(res.body).toMatchObject({ content: [{ type: 'tool_use', id: 'toolu_1', name: 'now', input: {} }], stop_reason: 'max_tokens' });
  });

  test('pause_turn is end_turn for the client: continuing it would be a prefill the CLI cannot take', async () => {
    const { backend } = createFakeBackend(() => ({ events: [...textBlock('Partial.'), { ...finishEvent('stop'), raw: 'pause_turn' }] }));
    expect((await post(createTestApp(backend), ask).expect(200)).body.stop_reason).toBe('end_turn');
  });
});

