import request from 'supertest';
import { GatewayError } from '../../../src/core/errors.js';
import { createMemoryStore } from '../../../src/store/create-memory-store.js';
import { createTestApp } from '../../support/create-test-app.js';
import { finishEvent, reasoningBlock, textBlock, toolCallBlock } from '../../support/events.js';
import { createFakeBackend, finish, type FakeRun } from '../../support/fake-backend.js';
import { pngDataUrl } from '../../support/images.js';
import { readSseEvents } from '../../support/read-sse.js';

const setup = (runs: FakeRun[], options: Parameters<typeof createTestApp>[1] = {}) => setupOn(runs, options);

function setupOn(runs: FakeRun[], options: Parameters<typeof createTestApp>[1]) {
  const fake = createFakeBackend(() => runs.shift() ?? { events: [...textBlock('again'), finishEvent()] });
  return { ...fake, app: createTestApp(fake.backend, options) };
}

const types = (body: string) => readSseEvents(body).map((event) => (event.data as { type: string }).type);

describe('POST /v1/responses', () => {
  test('a streamed text answer has the whole event sequence, numbered, and event names matching types', async () => {
    const { app } = setup([{ events: [...textBlock(['Hel', 'lo']), finishEvent()] }]);
    const res = await request(app).post('/v1/responses').send({ model: 'sonnet', input: 'Hi', stream: true }).expect(200);
    expect(types(res.text)).toEqual([
      'response.created',
      'response.in_progress',
      'response.output_item.added',
      'response.content_part.added',
      'response.output_text.delta',
      'response.output_text.delta',
      'response.output_text.done',
      'response.content_part.done',
      'response.output_item.done',
      'response.completed',
    ]);
    const events = readSseEvents(res.text);
    expect(events.map((event) => (event.data as { sequence_number: number }).sequence_number)).toEqual(events.map((_, i) => i));
    for (const event of events) expect(event.event).toBe((event.data as { type: string }).type);
    const added = events[2]!.data as { item: { status: string; content: unknown[] } };
    expect(added.item).toMatchObject({ type: 'message', status: 'in_progress', content: [] });
    const done = events[8]!.data as { item: unknown };
    expect(done.item).toMatchObject({ type: 'message', status: 'completed', role: 'assistant', content: [{ type: 'output_text', text: 'Hello', annotations: [] }] });
    const completed = (events.at(-1)!.data as { response: Record<string, unknown> }).response;
    expect(completed).toMatchObject({ object: 'response', status: 'completed', model: 'sonnet', store: true });
    expect(String(completed.id)).toMatch(/^resp_/);
    expect(completed.usage).toEqual({ input_tokens: 15, input_tokens_details: { cached_tokens: 4 }, output_tokens: 3, output_tokens_details: { reasoning_tokens: 0 }, total_tokens: 18 });
  });

  test('a turn of tool calls only opens no message item; arguments stream as deltas before .done', async () => {
    const { app, requests } = setup([{ events: [...toolCallBlock('toolu_1', 'weather', ['{"city":', '"Paris"}']), ...toolCallBlock('toolu_2', 'now'), finishEvent('tool-calls')] }]);
    const tools = [
      { type: 'function', name: 'weather', parameters: { type: 'object', properties: { city: { type: 'string' } } }, strict: true },
      { type: 'function', name: 'now' },
    ];
    const res = await request(app).post('/v1/responses').send({ input: 'Weather?', tools, stream: true }).expect(200);
    const events = readSseEvents(res.text).map((event) => event.data as Record<string, unknown>);
    expect(events.map((event) => event.type)).not.toContain('response.content_part.added');
    const deltas = events.filter((event) => event.type === 'response.function_call_arguments.delta').map((event) => event.delta);
    expect(deltas).toEqual(['{"city":', '"Paris"}', '{}']);
    const done = events.filter((event) => event.type === 'response.output_item.done').map((event) => event.item);
    expect(done).toEqual([
      expect.objectContaining({ type: 'function_call', call_id: 'toolu_1', name: 'weather', arguments: '{"city":"Paris"}', status: 'completed' }),
      expect.objectContaining({ type: 'function_call', call_id: 'toolu_2', name: 'now', arguments: '{}', status: 'completed' }),
    ]);
    expect(requests[0]!.tools.map((tool) => tool.name)).toEqual(['weather', 'now']);
    expect(requests[0]!.builtinTools).toEqual({ names: [], param: 'tools' });
  });

  test('custom (freeform) tools and namespaced tools come back as the client named them', async () => {
    const { app, requests } = setup([
      { events: [...toolCallBlock('call_a', 'apply_patch', ['{"input":"*** Begin', ' Patch\\', 'n*** End Patch"}']), ...toolCallBlock('call_b', 'crm__lookup', ['{"q":1}']), finishEvent('tool-calls')] },
    ]);
    const tools = [
      { type: 'custom', name: 'apply_patch', description: 'Edit files', format: { type: 'grammar', syntax: 'lark', definition: 'start: "x"' } },
      { type: 'namespace', name: 'crm', description: 'CRM', tools: [{ type: 'function', name: 'lookup', parameters: { type: 'object', properties: {} } }] },
    ];
    const res = await request(app).post('/v1/responses').send({ input: 'Fix it', tools, stream: true }).expect(200);
    const events = readSseEvents(res.text).map((event) => event.data as Record<string, unknown>);
    const pieces = events.filter((event) => event.type === 'response.custom_tool_call_input.delta').map((event) => event.delta);
    expect(pieces).toEqual(['*** Begin', ' Patch', '\n*** End Patch']);
    const { response } = events.at(-1) as { response: { output: unknown[] } };
    expect(response.output).toEqual([
      expect.objectContaining({ type: 'custom_tool_call', call_id: 'call_a', name: 'apply_patch', input: '*** Begin Patch\n*** End Patch' }),
      expect.objectContaining({ type: 'function_call', call_id: 'call_b', name: 'lookup', namespace: 'crm', arguments: '{"q":1}' }),
    ]);
    const [patch, lookup] = requests[0]!.tools;
    expect(patch!.inputSchema).toMatchObject({ required: ['input'] });
    expect(patch!.description).toContain('lark');
    expect(lookup!.name).toBe('crm__lookup');
  });

  test('history items: calls and their outputs (custom ones too) become one conversation, reasoning items dropped', async () => {
    const { app, requests } = setup([{ events: [...textBlock('Done.'), finishEvent()] }]);
    const input = [
      { type: 'message', role: 'developer', content: [{ type: 'input_text', text: 'Be brief.' }] },
      { role: 'user', content: 'Patch and look up' },
      { type: 'reasoning', id: 'rs_1', summary: [], encrypted_content: 'xyz' },
      { type: 'custom_tool_call', call_id: 'c1', name: 'apply_patch', input: 'PATCH' },
      { type: 'function_call', call_id: 'c2', name: 'lookup', namespace: 'crm', arguments: '{"q":1}' },
      { type: 'custom_tool_call_output', call_id: 'c1', output: 'applied' },
      { type: 'function_call_output', call_id: 'c2', output: [{ type: 'input_text', text: 'found' }] },
    ];
    await request(app).post('/v1/responses').send({ input, instructions: 'You are terse.', store: false }).expect(200);
    const sent = requests[0]!;
    expect(sent.system).toBe('You are terse.\n\nBe brief.');
    expect(sent.messages).toEqual([
      { role: 'user', content: [{ type: 'text', text: 'Patch and look up' }] },
      {
        role: 'assistant',
        content: [
          { type: 'tool-call', id: 'c1', name: 'apply_patch', input: { input: 'PATCH' } },
          { type: 'tool-call', id: 'c2', name: 'crm__lookup', input: { q: 1 } },
        ],
      },
      {
        role: 'user',
        content: [
          { type: 'tool-result', toolCallId: 'c1', name: 'apply_patch', content: [{ type: 'text', text: 'applied' }], isError: false },
          { type: 'tool-result', toolCallId: 'c2', name: 'crm__lookup', content: [{ type: 'text', text: 'found' }], isError: false },
        ],
      },
    ]);
  });

  test('reasoning summaries are shown when asked, with the summary events', async () => {
    const { app } = setup([{ events: [...reasoningBlock('Think', 'r0', 'sig'), ...textBlock('Answer'), finishEvent()] }]);
    const body = { input: 'Q', reasoning: { effort: 'high', summary: 'auto' }, include: ['reasoning.encrypted_content'], stream: true };
    const res = await request(app).post('/v1/responses').send(body).expect(200);
    const events = readSseEvents(res.text).map((event) => event.data as Record<string, unknown>);
    expect(events.map((event) => event.type).slice(2, 8)).toEqual([
      'response.output_item.added',
      'response.reasoning_summary_part.added',
      'response.reasoning_summary_text.delta',
      'response.reasoning_summary_text.done',
      'response.reasoning_summary_part.done',
      'response.output_item.done',
    ]);
    const response = events.at(-1)!.response as { output: unknown[]; reasoning: unknown };
    expect(response.output[0]).toMatchObject({ type: 'reasoning', summary: [{ type: 'summary_text', text: 'Think' }], encrypted_content: 'sig' });
    expect(response.reasoning).toEqual({ effort: 'high', summary: 'auto' });
  });

  test('without a summary asked, reasoning stays out of the output', async () => {
    const { app } = setup([{ events: [...reasoningBlock('Think'), ...textBlock('Answer'), finishEvent()] }]);
    const res = await request(app).post('/v1/responses').send({ input: 'Q' }).expect(200);
    expect(res.body.output.map((item: { type: string }) => item.type)).toEqual(['message']);
  });

  test('max_output_tokens reached: status incomplete with its reason, as response.incomplete when streamed', async () => {
    const { app, requests } = setup([{ events: [...textBlock('Par'), finishEvent('length')] }, { events: [...textBlock('Par'), finishEvent('length')] }]);
    const res = await request(app).post('/v1/responses').send({ input: 'Long', max_output_tokens: 16 }).expect(200);
    expect(res.body).toMatchObject({ status: 'incomplete', incomplete_details: { reason: 'max_output_tokens' }, max_output_tokens: 16 });
    expect(res.body.output[0].status).toBe('incomplete');
    expect(requests[0]!.maxOutputTokens).toBe(16);
    const streamed = await request(app).post('/v1/responses').send({ input: 'Long', max_output_tokens: 16, stream: true }).expect(200);
    expect(types(streamed.text).at(-1)).toBe('response.incomplete');
  });

  test('text.format json_schema asks the backend for that schema', async () => {
    const { app, requests } = setup([{ events: [...textBlock('{"a":1}'), finishEvent()] }]);
    const schema = { type: 'object', properties: { a: { type: 'number' } }, required: ['a'] };
    await request(app).post('/v1/responses').send({ input: 'JSON', text: { format: { type: 'json_schema', name: 'x', schema, strict: true } } }).expect(200);
    expect(requests[0]!.responseFormat).toEqual({ type: 'json', schema });
  });

  test('web_search becomes the CLI WebSearch; without live access it is not offered; other built-in tools are a 400', async () => {
    const { app, requests } = setup([{ events: finish() }, { events: finish() }]);
    await request(app).post('/v1/responses').send({ input: 'News', tools: [{ type: 'web_search' }] }).expect(200);
    expect(requests[0]!.builtinTools).toEqual({ names: ['WebSearch'], param: 'tools[0]' });
    await request(app).post('/v1/responses').send({ input: 'News', tools: [{ type: 'web_search', external_web_access: false }] }).expect(200);
    expect(requests[1]!.builtinTools).toEqual({ names: [], param: 'tools' });
    const res = await request(app).post('/v1/responses').send({ input: 'x', tools: [{ type: 'file_search', vector_store_ids: [] }] }).expect(400);
    expect(res.body.error).toMatchObject({ code: 'unsupported', param: 'tools[0].type' });
  });

  test('bad inputs get a 400 naming the field', async () => {
    const { app } = setup([]);
    const cases: Array<[unknown, string]> = [
      [{ input: [{ type: 'function_call_output', call_id: 'nope', output: 'x' }] }, 'input[0].call_id'],
      [{ input: [{ role: 'user', content: [{ type: 'input_image', file_id: 'file_1' }] }] }, 'input[0].content[0]'],
      [{ input: [{ type: 'item_reference', id: 'msg_1' }] }, 'input[0].type'],
      [{ input: [{ role: 'assistant', content: 'prefill' }] }, 'input'],
      [{ input: 'x', tool_choice: { type: 'function', name: 'missing' } }, 'tool_choice'],
      [{ input: 'x', background: true }, 'background'],
      [{ input: 'x', metadata: { k: 'v'.repeat(513) } }, 'metadata.k'],
    ];
    for (const [body, param] of cases) {
      const res = await request(app).post('/v1/responses').send(body as object);
      expect([res.status, res.body.error?.param]).toEqual([400, param]);
    }
  });

  test('an error after the start: response.failed with the output so far, then an error event, in the sequence', async () => {
    const { app } = setup([{ events: textBlock('partial').slice(0, 2), error: new GatewayError('upstream_overloaded', 'Overloaded.') }]);
    const res = await request(app).post('/v1/responses').send({ input: 'x', stream: true }).expect(200);
    const events = readSseEvents(res.text).map((event) => event.data as Record<string, unknown>);
    expect(events.at(-2)).toMatchObject({
      type: 'response.failed',
      response: { status: 'failed', error: { code: 'upstream_overloaded', message: 'Overloaded.' }, output: [{ type: 'message', content: [{ text: 'partial' }] }] },
    });
    expect(events.at(-1)).toMatchObject({ type: 'error', code: 'upstream_overloaded', message: 'Overloaded.', sequence_number: events.length - 1 });
  });

  test('tool_choice may name a tool inside a namespace by its own name', async () => {
    const { app, requests } = setup([{ events: finish() }]);
    const tools = [{ type: 'namespace', name: 'crm', description: 'CRM', tools: [{ type: 'function', name: 'lookup' }] }];
    await request(app).post('/v1/responses').send({ input: 'x', tools, tool_choice: { type: 'function', name: 'lookup' } }).expect(200);
    expect(requests[0]!.toolChoice).toEqual({ type: 'tool', name: 'crm__lookup' });
  });

  test('reasoning.effort, parallel_tool_calls, json_object and an input_image reach the backend', async () => {
    const { app, requests } = setup([{ events: finish() }]);
    const body = {
      input: [{ role: 'user', content: [{ type: 'input_text', text: 'What is it?' }, { type: 'input_image', image_url: pngDataUrl }] }],
      tools: [{ type: 'function', name: 'f' }],
      reasoning: { effort: 'high' },
      parallel_tool_calls: false,
      text: { format: { type: 'json_object' } },
    };
    await request(app).post('/v1/responses').send(body).expect(200);
    expect(requests[0]).toMatchObject({ reasoningEffort: 'high', parallelToolCalls: false, responseFormat: { type: 'json' } });
    expect(requests[0]!.messages.at(-1)!.content.map((part) => part.type)).toEqual(['text', 'image']);
  });

  test('thinking counts as reasoning_tokens in the usage', async () => {
    const { app } = setup([{ events: [...reasoningBlock('Let me think about this carefully.'), ...textBlock('Answer'), finishEvent()] }]);
    const res = await request(app).post('/v1/responses').send({ input: 'Q' }).expect(200);
    expect(res.body.usage.output_tokens_details.reasoning_tokens).toBeGreaterThan(0);
    expect(res.body.usage.output_tokens_details.reasoning_tokens).toBeLessThanOrEqual(res.body.usage.output_tokens);
  });

  test('tool_choice allowed_tools offers only the tools it lists; required makes the model call one', async () => {
    const { app, requests } = setup([{ events: finish() }, { events: finish() }]);
    const tools = [{ type: 'function', name: 'a' }, { type: 'function', name: 'b' }, { type: 'namespace', name: 'crm', description: 'CRM', tools: [{ type: 'custom', name: 'c' }] }, { type: 'web_search' }];
    const allowed = (mode: string, list: unknown[]) => ({ type: 'allowed_tools', mode, tools: list });
    await request(app).post('/v1/responses').send({ input: 'x', tools, tool_choice: allowed('required', [{ type: 'function', name: 'b' }, { type: 'custom', name: 'c' }]) }).expect(200);
    expect(requests[0]!.tools.map((tool) => tool.name)).toEqual(['b', 'crm__c']);
    expect(requests[0]!.toolChoice).toEqual({ type: 'required' });
    expect(requests[0]!.builtinTools!.names).toEqual([]);
    await request(app).post('/v1/responses').send({ input: 'x', tools, tool_choice: allowed('auto', [{ type: 'web_search' }]) }).expect(200);
    expect(requests[1]!.tools).toEqual([]);
    expect(requests[1]!.builtinTools!.names).toEqual(['WebSearch']);
    const res = await request(app).post('/v1/responses').send({ input: 'x', tools, tool_choice: allowed('auto', [{ type: 'function', name: 'zzz' }]) }).expect(400);
    expect(res.body.error.param).toBe('tool_choice.tools[0]');
    for (const malformed of [{ type: 'allowed_tools', mode: 'auto' }, { type: 'allowed_tools', mode: 'sometimes', tools: [] }]) {
      const bad = await request(app).post('/v1/responses').send({ input: 'x', tools, tool_choice: malformed });
      expect([bad.status, bad.body.error?.param]).toEqual([400, expect.stringMatching(/^tool_choice/)]);
    }
  });

  test('with the store unreachable, a response to be stored is refused before the model runs', async () => {
    const unreachable = { ...createMemoryStore({ maxBytes: 1000 }), status: async () => ({ available: false, problem: 'Redis is reconnecting.' }) };
    const { app, requests } = setup([], { store: unreachable });
    const res = await request(app).post('/v1/responses').send({ input: 'x' }).expect(503);
    expect(res.body.error.code).toBe('store_unavailable');
    expect(requests).toHaveLength(0);
    await request(app).post('/v1/responses').send({ input: 'x', store: false }).expect(200);
  });
});
