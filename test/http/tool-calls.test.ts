import request from 'supertest';
import type { ModelEvent } from '../../src/core/model-event.js';
import { createTestApp } from '../support/create-test-app.js';
import { finishEvent, textBlock, toolCallBlock } from '../support/events.js';
import { createFakeBackend } from '../support/fake-backend.js';
import { readSse } from '../support/read-sse.js';

const weather = { type: 'function', function: { name: 'get_weather', description: 'Weather', parameters: { type: 'object', properties: { city: { type: 'string' } } } } };
const toolTurn: ModelEvent[] = [
  ...textBlock('Checking.'),
  ...toolCallBlock('toolu_1', 'get_weather', ['{"city":', '"Paris"}']),
  ...toolCallBlock('toolu_2', 'get_weather', ['{"city":"Rome"}']),
  finishEvent('tool-calls', { inputTokens: 1, outputTokens: 1, cacheReadTokens: 0, cacheCreationTokens: 0 }),
];
const ask = { model: 'sonnet', messages: [{ role: 'user', content: 'Weather in Paris and Rome?' }], tools: [weather] };

describe('tool calls on the OpenAI front', () => {
  test('tools, tool_choice and parallel_tool_calls reach the backend as client tools', async () => {
    const { backend, requests } = createFakeBackend();
    await request(createTestApp(backend)).post('/v1/chat/completions').send({ ...ask, tool_choice: 'required', parallel_tool_calls: false }).expect(200);
    expect(requests[0]).toMatchObject({
      tools: [{ name: 'get_weather', description: 'Weather', inputSchema: { type: 'object', properties: { city: { type: 'string' } } } }],
      toolChoice: { type: 'required' },
      parallelToolCalls: false,
    });
  });

  test('tool_choice none and a named tool reach the backend, which offers none or that tool alone (client-tools tests)', async () => {
    const { backend, requests } = createFakeBackend();
    const other = { type: 'function', function: { name: 'get_time' } };
    const app = createTestApp(backend);
    await request(app).post('/v1/chat/completions').send({ ...ask, tool_choice: 'none' }).expect(200);
    await request(app).post('/v1/chat/completions').send({ ...ask, tools: [weather, other], tool_choice: { type: 'function', function: { name: 'get_time' } } }).expect(200);
    await request(app).post('/v1/chat/completions').send({ ...ask, tools: [weather, other], tool_choice: { type: 'tool', name: 'get_time' } }).expect(200); // Anthropic's shape
    expect(requests.map((r) => r.toolChoice)).toEqual([{ type: 'none' }, { type: 'tool', name: 'get_time' }, { type: 'tool', name: 'get_time' }]);
    expect(requests[1]!.tools.map((t) => t.name)).toEqual(['get_weather', 'get_time']);
  });

  test('non-streaming: tool_calls with JSON arguments and finish_reason tool_calls', async () => {
    const { backend } = createFakeBackend(() => ({ events: toolTurn }));
    const res = await request(createTestApp(backend)).post('/v1/chat/completions').send(ask).expect(200);
    expect(res.body.choices[0]).toMatchObject({
      finish_reason: 'tool_calls',
      message: {
        role: 'assistant',
        content: 'Checking.',
        tool_calls: [
          { id: 'toolu_1', type: 'function', function: { name: 'get_weather', arguments: '{"city":"Paris"}' } },
          { id: 'toolu_2', type: 'function', function: { name: 'get_weather', arguments: '{"city":"Rome"}' } },
        ],
      },
    });
  });

  test('streaming: the first delta of each call carries index, id, type and name; argument fragments follow', async () => {
    const { backend } = createFakeBackend(() => ({ events: toolTurn }));
    const res = await request(createTestApp(backend)).post('/v1/chat/completions').send({ ...ask, stream: true }).expect(200);
    const deltas = (readSse(res.text).slice(0, -1) as Array<{ choices: Array<{ delta: Record<string, unknown>; finish_reason: string | null }> }>).map((c) => c.choices[0]!);
    expect(deltas.map((c) => c.delta.tool_calls).filter(Boolean)).toEqual([
      [{ index: 0, id: 'toolu_1', type: 'function', function: { name: 'get_weather', arguments: '' } }],
      [{ index: 0, function: { arguments: '{"city":' } }],
      [{ index: 0, function: { arguments: '"Paris"}' } }],
      [{ index: 1, id: 'toolu_2', type: 'function', function: { name: 'get_weather', arguments: '' } }],
      [{ index: 1, function: { arguments: '{"city":"Rome"}' } }],
    ]);
    expect(deltas.at(-1)!.finish_reason).toBe('tool_calls');
  });

  test('legacy functions get a function_call answer', async () => {
    const { backend, requests } = createFakeBackend(() => ({ events: toolTurn }));
    const res = await request(createTestApp(backend))
      .post('/v1/chat/completions')
      .send({ model: 'sonnet', messages: ask.messages, functions: [weather.function], function_call: 'auto' })
      .expect(200);
    expect(requests[0]!.parallelToolCalls).toBe(false);
    expect(res.body.choices[0]).toMatchObject({ finish_reason: 'function_call', message: { function_call: { name: 'get_weather', arguments: '{"city":"Paris"}' } } });
    expect(res.body.choices[0].message.tool_calls).toBeUndefined();
  });

  test('tool history: calls and their results reach the backend tied by id, results grouped in one user turn', async () => {
    const { backend, requests } = createFakeBackend();
    const messages = [
      { role: 'user', content: 'Weather in Paris and Rome?' },
      {
        role: 'assistant',
        content: null,
        tool_calls: [
          { id: 'c1', type: 'function', function: { name: 'get_weather', arguments: '{"city":"Paris"}' } },
          { id: 'c2', type: 'function', function: { name: 'get_weather', arguments: '{"city":"Rome"}' } },
        ],
      },
      { role: 'tool', tool_call_id: 'c1', content: '18°C' },
      { role: 'tool', tool_call_id: 'c2', content: [{ type: 'text', text: '24°C' }] },
    ];
    await request(createTestApp(backend)).post('/v1/chat/completions').send({ ...ask, messages }).expect(200);
    expect(requests[0]!.messages.slice(1)).toEqual([
      {
        role: 'assistant',
        content: [
          { type: 'tool-call', id: 'c1', name: 'get_weather', input: { city: 'Paris' } },
          { type: 'tool-call', id: 'c2', name: 'get_weather', input: { city: 'Rome' } },
        ],
      },
      {
        role: 'user',
        content: [
          { type: 'tool-result', toolCallId: 'c1', name: 'get_weather', content: [{ type: 'text', text: '18°C' }], isError: false },
          { type: 'tool-result', toolCallId: 'c2', name: 'get_weather', content: [{ type: 'text', text: '24°C' }], isError: false },
        ],
      },
    ]);
  });
});

describe('Anthropic-style fields, as Cursor sends them', () => {
  test('system as an array of blocks with cache_control, cache_control on parts, and an object tool_choice are accepted', async () => {
    const { backend, requests } = createFakeBackend();
    const res = await request(createTestApp(backend))
      .post('/v1/chat/completions')
      .send({
        model: 'sonnet',
        messages: [
          { role: 'system', content: [{ type: 'text', text: 'You are Cursor.', cache_control: { type: 'ephemeral' } }, { type: 'text', text: 'Be brief.' }] },
          { role: 'user', content: [{ type: 'text', text: 'Hi', cache_control: { type: 'ephemeral' } }] },
        ],
        tools: [weather],
        tool_choice: { type: 'any' },
      })
      .expect(200);
    expect(res.headers['x-ignored-params']).toBeUndefined();
    expect(requests[0]).toMatchObject({ system: 'You are Cursor.\nBe brief.', toolChoice: { type: 'required' }, messages: [{ role: 'user', content: [{ type: 'text', text: 'Hi' }] }] });
  });
});
