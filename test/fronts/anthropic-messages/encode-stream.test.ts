import { decodeRecords } from '../../../src/backends/claude-cli/decode-records.js';
import { decodeCliStream } from '../../../src/backends/claude-cli/decode-stream.js';
import { encodeMessageStream } from '../../../src/fronts/anthropic-messages/encode-stream.js';
import type { MessageContext } from '../../../src/fronts/anthropic-messages/message-context.js';
import { streamEventSchema, type StreamEvent } from '../../../src/wire/anthropic-messages-response.js';
import { asAsync, drain, fixtureLines } from '../../support/fixtures.js';

const context: MessageContext = { id: 'msg_test', model: 'sonnet', showThinking: true };
const replay = (fixture: string, ctx = context) => drain(encodeMessageStream(decodeCliStream(decodeRecords(asAsync(fixtureLines(fixture)))), ctx));
const dataOf = async (fixture: string, ctx = context) => (await replay(fixture, ctx)).map((frame) => frame.data as StreamEvent);

describe('Anthropic SSE events from recorded CLI runs', () => {
  test('every frame names its event and matches the schema', async () => {
    for (const fixture of ['text-turn', 'thinking-turn', 'client-tool-calls', 'fallback-after-break', 'usage-across-calls']) {
      for (const frame of await replay(fixture)) {
        expect(frame.event).toBe((frame.data as { type: string }).type);
        expect(streamEventSchema.safeParse(frame.data).success).toBe(true);
      }
    }
  });

  test('a text turn: message_start with the prompt usage, ping, one block, message_delta with the totals, message_stop', async () => {
    expect((await replay('text-turn')).map((frame) => frame.data)).toEqual([
      {
        type: 'message_start',
        message: {
          id: 'msg_test', type: 'message', role: 'assistant', model: 'sonnet', content: [], stop_reason: null, stop_sequence: null,
          usage: { input_tokens: 21, output_tokens: 0, cache_read_input_tokens: 5, cache_creation_input_tokens: 3 },
        },
      },
      { type: 'ping' },
      { type: 'content_block_start', index: 0, content_block: { type: 'text', text: '' } },
      { type: 'content_block_delta', index: 0, delta: { type: 'text_delta', text: 'Hello' } },
      { type: 'content_block_delta', index: 0, delta: { type: 'text_delta', text: ', world' } },
      { type: 'content_block_delta', index: 0, delta: { type: 'text_delta', text: '! How can I help?' } },
      { type: 'content_block_stop', index: 0 },
      {
        type: 'message_delta',
        delta: { stop_reason: 'end_turn', stop_sequence: null },
        usage: { input_tokens: 21, output_tokens: 7, cache_read_input_tokens: 5, cache_creation_input_tokens: 3 },
      },
      { type: 'message_stop' },
    ]);
  });

  test('thinking: a thinking block with its signature, then the text block at the next index', async () => {
    const data = await dataOf('thinking-turn');
    expect(data.slice(2, 10)).toEqual([
      { type: 'content_block_start', index: 0, content_block: { type: 'thinking', thinking: '', signature: '' } },
      { type: 'content_block_delta', index: 0, delta: { type: 'thinking_delta', thinking: 'Let me ' } },
      { type: 'content_block_delta', index: 0, delta: { type: 'thinking_delta', thinking: 'think.' } },
      { type: 'content_block_delta', index: 0, delta: { type: 'signature_delta', signature: 'sig' } },
      { type: 'content_block_stop', index: 0 },
      { type: 'content_block_start', index: 1, content_block: { type: 'text', text: '' } },
      { type: 'content_block_delta', index: 1, delta: { type: 'text_delta', text: 'The answer' } },
      { type: 'content_block_delta', index: 1, delta: { type: 'text_delta', text: ' is 4.' } },
    ]);
    const hidden = await dataOf('thinking-turn', { ...context, showThinking: false });
    expect(hidden.filter((event) => event.type === 'content_block_start')).toEqual([{ type: 'content_block_start', index: 0, content_block: { type: 'text', text: '' } }]);
  });

  test('client tool calls: one start and one stop per call, input as the model wrote it, stop_reason tool_use', async () => {
    const data = await dataOf('client-tool-calls');
    expect(data.slice(5, 15)).toEqual([
      { type: 'content_block_start', index: 1, content_block: { type: 'tool_use', id: 'toolu_fake_1', name: 'get_weather', input: {} } },
      { type: 'content_block_delta', index: 1, delta: { type: 'input_json_delta', partial_json: '{"city":' } },
      { type: 'content_block_delta', index: 1, delta: { type: 'input_json_delta', partial_json: '"Paris"}' } },
      { type: 'content_block_stop', index: 1 },
      { type: 'content_block_start', index: 2, content_block: { type: 'tool_use', id: 'toolu_fake_2', name: 'get_weather', input: {} } },
      { type: 'content_block_delta', index: 2, delta: { type: 'input_json_delta', partial_json: '{"city":' } },
      { type: 'content_block_delta', index: 2, delta: { type: 'input_json_delta', partial_json: '"Rome"}' } },
      { type: 'content_block_stop', index: 2 },
      { type: 'message_delta', delta: { stop_reason: 'tool_use', stop_sequence: null }, usage: expect.any(Object) },
      { type: 'message_stop' },
    ]);
  });

  test('a turn that hit max_tokens after a web search: two text blocks, stop_reason max_tokens, usage of every call', async () => {
    const data = await dataOf('usage-across-calls');
    expect(data.filter((event) => event.type === 'content_block_start').map((event) => (event as { index: number }).index)).toEqual([0, 1]);
    expect(data.at(-2)).toEqual({
      type: 'message_delta',
      delta: { stop_reason: 'max_tokens', stop_sequence: null },
      usage: { input_tokens: 321, output_tokens: 15, cache_read_input_tokens: 105, cache_creation_input_tokens: 3 },
    });
  });

  test('structured output: the stream opens when the model starts, though nothing shows until the answer', async () => {
    const data = (await drain(encodeMessageStream(decodeCliStream(decodeRecords(asAsync(fixtureLines('structured-output'))), { structuredOutput: true }), context))).map((frame) => frame.data as StreamEvent);
    expect(data.map((event) => event.type)).toEqual(['message_start', 'ping', 'content_block_start', 'content_block_delta', 'content_block_stop', 'message_delta', 'message_stop']);
    expect(data[3]).toEqual({ type: 'content_block_delta', index: 0, delta: { type: 'text_delta', text: '{"name":"Alice","age":30}' } });
    expect(data[5]).toMatchObject({ delta: { stop_reason: 'end_turn' } });
  });
});

