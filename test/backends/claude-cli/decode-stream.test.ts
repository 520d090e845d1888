import { decodeRecords } from '../../../src/backends/claude-cli/decode-records.js';
import { decodeCliStream } from '../../../src/backends/claude-cli/decode-stream.js';
import { GatewayError } from '../../../src/core/errors.js';
import type { ModelEvent } from '../../../src/core/model-event.js';
import { asAsync, drain, fixtureLines } from '../../support/fixtures.js';

const decode = (lines: string[], structuredOutput = false) => drain(decodeCliStream(decodeRecords(asAsync(lines)), { structuredOutput }));
const textOf = (events: ModelEvent[]) => events.flatMap((e) => (e.type === 'text-delta' ? [e.text] : [])).join('');

async function decodeError(lines: string[], structuredOutput = false): Promise<GatewayError> {
  const error = await decode(lines, structuredOutput).then(
    () => undefined,
    (thrown: unknown) => thrown,
  );
  if (!(error instanceof GatewayError)) throw new Error(`expected a GatewayError, got ${String(error)}`);
  return error;
}

describe('decodeCliStream on recorded CLI runs', () => {
  const usageOf = (inputTokens: number, outputTokens: number, cacheReadTokens: number, cacheCreationTokens: number) => ({
    inputTokens,
    outputTokens,
    cacheReadTokens,
    cacheCreationTokens,
  });

  test('a text turn: usage at the start of the call, one text block with each delta as it came, then finish', async () => {
    expect(await decode(fixtureLines('text-turn'))).toEqual([
      { type: 'usage', usage: usageOf(21, 0, 5, 3) },
      { type: 'text-start', id: 'msg_fake_1:0' },
      { type: 'text-delta', id: 'msg_fake_1:0', text: 'Hello' },
      { type: 'text-delta', id: 'msg_fake_1:0', text: ', world' },
      { type: 'text-delta', id: 'msg_fake_1:0', text: '! How can I help?' },
      { type: 'text-end', id: 'msg_fake_1:0' },
      { type: 'finish', reason: 'stop', raw: 'end_turn', stopSequence: undefined, usage: usageOf(21, 7, 5, 3), costUsd: expect.any(Number) },
    ]);
  });

  test('thinking is a reasoning block with its signature, before the text block', async () => {
    const events = await decode(fixtureLines('thinking-turn'));
    expect(events.slice(1, -1)).toEqual([
      { type: 'reasoning-start', id: 'msg_fake_1:0' },
      { type: 'reasoning-delta', id: 'msg_fake_1:0', text: 'Let me ' },
      { type: 'reasoning-delta', id: 'msg_fake_1:0', text: 'think.' },
      { type: 'reasoning-end', id: 'msg_fake_1:0', signature: 'sig' },
      { type: 'text-start', id: 'msg_fake_1:1' },
      { type: 'text-delta', id: 'msg_fake_1:1', text: 'The answer' },
      { type: 'text-delta', id: 'msg_fake_1:1', text: ' is 4.' },
      { type: 'text-end', id: 'msg_fake_1:1' },
    ]);
  });

  test('the non-streaming fallback after a broken stream adds only what was not streamed yet, in the same block (§3.3)', async () => {
    const events = await decode(fixtureLines('fallback-after-break'));
    expect(events.slice(1, -1)).toEqual([
      { type: 'text-start', id: 'msg_fake_1:0' },
      { type: 'text-delta', id: 'msg_fake_1:0', text: 'Partial ' },
      { type: 'text-delta', id: 'msg_fake_1:0', text: 'answer, complete.' },
      { type: 'text-end', id: 'msg_fake_1:0' },
    ]);
    expect(events.at(-1)?.type).toBe('finish');
  });

  test('a fallback text that does not continue the streamed prefix is a block of its own', async () => {
    const lines = fixtureLines('fallback-after-break').map((line) => line.replace('Partial answer, complete.', 'Different answer.'));
    expect((await decode(lines)).slice(1, -1)).toEqual([
      { type: 'text-start', id: 'msg_fake_1:0' },
      { type: 'text-delta', id: 'msg_fake_1:0', text: 'Partial ' },
      { type: 'text-end', id: 'msg_fake_1:0' },
      { type: 'text-start', id: 'msg_fake_2:0' },
      { type: 'text-delta', id: 'msg_fake_2:0', text: 'Different answer.' },
      { type: 'text-end', id: 'msg_fake_2:0' },
    ]);
  });

  test.each([
    ['upstream-401', 'cli_not_authenticated', 503],
    ['not-logged-in', 'cli_not_authenticated', 503],
    ['upstream-429', 'upstream_rate_limited', 429],
    ['upstream-529', 'upstream_overloaded', 503],
    ['upstream-500', 'upstream_error', 502],
  ])('%s becomes %s (%i)', async (fixture, code, status) => {
    const error = await decodeError(fixtureLines(fixture));
    expect(error.code).toBe(code);
    expect(error.status).toBe(status);
  });

  test('the not-logged-in error says how to log in', async () => {
    const error = await decodeError(fixtureLines('not-logged-in'));
    expect(error.message).toMatch(/not logged in/i);
    expect(error.message).toMatch(/claude setup-token|\/login/);
  });

  test('unknown line types, non-JSON noise and unknown events are skipped', async () => {
    const lines = fixtureLines('text-turn');
    const noisy = [
      'not json at all',
      '{"type":"brand_new_type","x":1}',
      '{"type":"stream_event","event":{"type":"future_event"}}',
      '{broken json',
      ...lines,
    ];
    expect(await decode(noisy)).toEqual(await decode(lines));
  });

  test('output that ends without a result line is an error, not a silent empty answer', async () => {
    const lines = fixtureLines('text-turn').filter((line) => !line.includes('"type":"result"'));
    const error = await decodeError(lines);
    expect(error.code).toBe('cli_failed');
  });

  test('calls to client tools are tool-call blocks named as the client knows them, and the deferred turn finishes with tool-calls', async () => {
    const events = await decode(fixtureLines('client-tool-calls'));
    expect(events.slice(1)).toEqual([
      { type: 'text-start', id: 'msg_fake_1:0' },
      { type: 'text-delta', id: 'msg_fake_1:0', text: 'Checking.' },
      { type: 'text-end', id: 'msg_fake_1:0' },
      { type: 'tool-call-start', id: 'toolu_fake_1', name: 'get_weather' },
      { type: 'tool-call-delta', id: 'toolu_fake_1', argumentsDelta: '{"city":' },
      { type: 'tool-call-delta', id: 'toolu_fake_1', argumentsDelta: '"Paris"}' },
      { type: 'tool-call-end', id: 'toolu_fake_1' },
      { type: 'tool-call-start', id: 'toolu_fake_2', name: 'get_weather' },
      { type: 'tool-call-delta', id: 'toolu_fake_2', argumentsDelta: '{"city":' },
      { type: 'tool-call-delta', id: 'toolu_fake_2', argumentsDelta: '"Rome"}' },
      { type: 'tool-call-end', id: 'toolu_fake_2' },
      { type: 'finish', reason: 'tool-calls', raw: 'tool_deferred', stopSequence: undefined, usage: expect.any(Object), costUsd: expect.any(Number) },
    ]);
  });

  test('with a JSON schema, the answer is the validated structured output and the preamble is dropped', async () => {
    const events = await decode(fixtureLines('structured-output'), true);
    expect(events.slice(1)).toEqual([
      { type: 'text-start', id: 'structured_output' },
      { type: 'text-delta', id: 'structured_output', text: '{"name":"Alice","age":30}' },
      { type: 'text-end', id: 'structured_output' },
      { type: 'finish', reason: 'stop', raw: 'tool_use', stopSequence: undefined, usage: expect.any(Object), costUsd: expect.any(Number) },
    ]);
  });

  test('a model that answers in plain text despite the schema is an error, not invalid JSON', async () => {
    const error = await decodeError(fixtureLines('structured-output-refused'), true);
    expect(error).toMatchObject({ code: 'invalid_model_output', status: 502 });
  });

  test('18. usage on early stops: a max_tokens stop after earlier calls of the turn counts them all', async () => {
    const events = await decode(fixtureLines('usage-across-calls'));
    expect(textOf(events)).toBe('Let me look.It is sunny and warm');
    expect(events.filter((e) => e.type === 'text-start').length).toBe(2);
    expect(events.at(-2)).toEqual({ type: 'text-end', id: expect.any(String) });
    expect(events.at(-1)).toEqual({
      type: 'finish',
      reason: 'length',
      raw: 'max_tokens',
      // call 1 (the search decision): 21 in, 5 cache read, 3 cache write, 7 out; call 2: 300 in, 100 cache read, 8 out
      usage: { inputTokens: 321, outputTokens: 15, cacheReadTokens: 105, cacheCreationTokens: 3 },
      costUsd: undefined,
    });
  });

  test('8. a prompt the CLI refuses as too long is a 400 context_length_exceeded, not a 502', async () => {
    const error = await decodeError(fixtureLines('prompt-too-long'));
    expect(error).toMatchObject({ code: 'context_length_exceeded', status: 400, param: 'messages' });
  });

  test('an assistant line that comes after its block has stopped still only confirms it (no block twice)', async () => {
    const lines = fixtureLines('text-turn');
    const assistant = lines.findIndex((line) => line.startsWith('{"type":"assistant"'));
    const stop = lines.findIndex((line, i) => i > assistant && line.includes('"content_block_stop"'));
    [lines[assistant], lines[stop]] = [lines[stop]!, lines[assistant]!];
    const events = await decode(lines);
    expect(events.filter((e) => e.type === 'text-start')).toHaveLength(1);
    expect(textOf(events)).toBe('Hello, world! How can I help?');
  });
});

