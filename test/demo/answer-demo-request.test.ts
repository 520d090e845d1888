import { encodePrompt } from '../../src/backends/claude-cli/encode-prompt.js';
import type { ChatMessage } from '../../src/core/model-request.js';
import { answerDemoRequest } from '../../src/demo/answer-demo-request.js';
import type { UpstreamMessage } from '../../src/demo/upstream-message.js';
import { messagesRequestSchema, type MessagesRequest } from '../../src/wire/anthropic-messages.js';
import { encodePng } from '../support/png.js';

const reminder = { type: 'text', text: '<system-reminder>\nToday is a day.\n</system-reminder>\n\n' };
const weather = { name: 'mcp__client__get_weather', description: 'Weather', input_schema: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] } };
const time = { name: 'mcp__client__get_time', input_schema: { type: 'object', properties: { tz: { type: 'string' } }, required: ['tz'] } };
const builtins = [
  { name: 'WebSearch', input_schema: { type: 'object', properties: { query: { type: 'string' } }, required: ['query'] } },
  { name: 'WebFetch', input_schema: { type: 'object', properties: { url: { type: 'string' } }, required: ['url'] } },
];

/** A request as the CLI sends it for the gateway: the conversation rendered by the gateway's own encoder. */
function cliRequest(messages: ChatMessage[], tools: unknown[] = builtins): MessagesRequest {
  return messagesRequestSchema.parse({ model: 'claude-sonnet-5', max_tokens: 64000, stream: true, tools, messages: [{ role: 'user', content: [reminder, ...encodePrompt(messages)] }] });
}
const user = (...content: ChatMessage['content']): ChatMessage => ({ role: 'user', content });
const text = (value: string) => ({ type: 'text' as const, text: value });
const answerText = (message: UpstreamMessage) => message.content.flatMap((block) => (block.type === 'text' ? block.chunks : [])).join('');
const calls = (message: UpstreamMessage) => message.content.filter((block) => block.type === 'tool_use');

describe('the demo model', () => {
  test('echoes the last user turn, not earlier ones nor the CLI context, and says it is the demo model', () => {
    const answer = answerDemoRequest(cliRequest([user(text('First question')), { role: 'assistant', content: [text('An answer')] }, user(text('Hello there'))]));
    expect(answer.stopReason).toBe('end_turn');
    expect(answerText(answer)).toBe('[demo model] You said: "Hello there"');
    expect(answer.model).toBe('claude-sonnet-5');
    expect(answer.usage.input_tokens).toBeGreaterThan(0);
  });

  test('streams word by word', () => {
    const [block] = answerDemoRequest(cliRequest([user(text('one two'))])).content;
    expect(block).toEqual({ type: 'text', chunks: ['[demo ', 'model] ', 'You ', 'said: ', '"one ', 'two"'] });
  });

  test("calls the client's first tool with arguments from its schema, never the CLI's own tools", () => {
    const answer = answerDemoRequest(cliRequest([user(text('Weather?'))], [...builtins, weather, time]));
    expect(answer.stopReason).toBe('tool_use');
    expect(calls(answer)).toEqual([{ type: 'tool_use', id: expect.stringMatching(/^toolu_demo_/), name: 'mcp__client__get_weather', input: { city: 'Paris' } }]);
    expect(answerText(answer)).toMatch(/^\[demo model\] Calling get_weather/);
  });

  test('calls the tool the user names, when one is named', () => {
    const answer = answerDemoRequest(cliRequest([user(text('Use get_time please'))], [weather, time]));
    expect(calls(answer)).toEqual([expect.objectContaining({ name: 'mcp__client__get_time', input: { tz: 'Europe/Paris' } })]);
  });

  test('after a tool result, answers with text that quotes it (no second call)', () => {
    const answer = answerDemoRequest(
      cliRequest(
        [
          user(text('Weather?')),
          { role: 'assistant', content: [{ type: 'tool-call', id: 'call_1', name: 'get_weather', input: { city: 'Paris' } }] },
          user({ type: 'tool-result', toolCallId: 'call_1', name: 'get_weather', content: [text('Sunny, 22 °C')], isError: false }),
        ],
        [weather],
      ),
    );
    expect(answer.stopReason).toBe('end_turn');
    expect(answerText(answer)).toBe('[demo model] get_weather returned: "Sunny, 22 °C"');
  });

  test("quotes a tool_result block too (a client speaking the API's own format), naming its tool", () => {
    const request = messagesRequestSchema.parse({
      model: 'm',
      max_tokens: 10,
      tools: [weather],
      messages: [
        { role: 'user', content: 'Weather?' },
        { role: 'assistant', content: [{ type: 'tool_use', id: 'toolu_1', name: 'mcp__client__get_weather', input: { city: 'Paris' } }] },
        { role: 'user', content: [{ type: 'tool_result', tool_use_id: 'toolu_1', content: [{ type: 'text', text: 'Rain' }] }] },
      ],
    });
    expect(answerText(answerDemoRequest(request))).toBe('[demo model] get_weather returned: "Rain"');
  });

  test('answers a JSON schema (the CLI\'s StructuredOutput tool) with an instance of it, also after a tool result', () => {
    const structured = { name: 'StructuredOutput', input_schema: { type: 'object', properties: { name: { type: 'string' }, age: { type: 'integer' } }, required: ['name', 'age'] } };
    const answer = answerDemoRequest(cliRequest([user(text('A person'))], [...builtins, structured]));
    expect(calls(answer)).toEqual([expect.objectContaining({ name: 'StructuredOutput', input: { name: 'Ada Lovelace', age: 36 } })]);
    const afterTool = answerDemoRequest(
      cliRequest(
        [user(text('x')), { role: 'assistant', content: [{ type: 'tool-call', id: 'c', name: 'get_weather', input: {} }] }, user({ type: 'tool-result', toolCallId: 'c', name: 'get_weather', content: [text('ok')], isError: false })],
        [weather, structured],
      ),
    );
    expect(calls(afterTool)).toEqual([expect.objectContaining({ name: 'StructuredOutput' })]);
  });

  test('describes the images of the last turn: media type, size in bytes and pixel dimensions', () => {
    const png = encodePng(3, 2);
    const answer = answerDemoRequest(cliRequest([user(text('What is this?'), { type: 'image', mediaType: 'image/png', data: png.toString('base64') })]));
    expect(answerText(answer)).toBe(`[demo model] Image 1: image/png, ${png.length} bytes, 3×2 pixels. You said: "What is this?"`);
  });

  test('a plain request from another client (no transcript) is echoed too', () => {
    const request = messagesRequestSchema.parse({ model: 'm', max_tokens: 1, messages: [{ role: 'user', content: 'quota' }] });
    expect(answerText(answerDemoRequest(request))).toBe('[demo model] You said: "quota"');
  });
});
