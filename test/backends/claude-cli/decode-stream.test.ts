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
  test('a text turn yields each delta as it came, then finish with usage summed from modelUsage', async () => {
    const events = await decode(fixtureLines('text-turn'));
    expect(events.filter((e) => e.type === 'text-delta').map((e) => (e as { text: string }).text)).toEqual([
      'Hello',
      ', world',
      '! How can I help?',
    ]);
    expect(events.at(-1)).toEqual({
      type: 'finish',
      reason: 'stop',
      usage: { inputTokens: 21, outputTokens: 7, cacheReadTokens: 5, cacheCreationTokens: 3 },
      costUsd: expect.any(Number),
    });
  });

  test('thinking deltas become reasoning events, kept apart from the text', async () => {
    const events = await decode(fixtureLines('thinking-turn'));
    const reasoning = events.flatMap((e) => (e.type === 'reasoning-delta' ? [e.text] : [])).join('');
    expect(reasoning).toBe('Let me think.');
    expect(textOf(events)).toBe('The answer is 4.');
  });

  test('the non-streaming fallback after a broken stream adds only what was not streamed yet (§3.3)', async () => {
    const events = await decode(fixtureLines('fallback-after-break'));
    expect(textOf(events)).toBe('Partial answer, complete.');
    expect(events.at(-1)?.type).toBe('finish');
  });

  test('a fallback text that does not continue the streamed prefix is yielded whole, after a paragraph break', async () => {
    const lines = fixtureLines('fallback-after-break').map((line) => line.replace('Partial answer, complete.', 'Different answer.'));
    expect(textOf(await decode(lines))).toBe('Partial \n\nDifferent answer.');
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

  test('calls to client tools become indexed tool-call events, and the deferred turn finishes with tool-calls', async () => {
    const events = await decode(fixtureLines('client-tool-calls'));
    const calls = events.filter((e) => e.type === 'tool-call-start' || e.type === 'tool-call-delta');
    expect(calls.filter((e) => e.type === 'tool-call-start')).toEqual([
      { type: 'tool-call-start', index: 0, id: expect.stringMatching(/^toolu_/), name: 'get_weather' },
      { type: 'tool-call-start', index: 1, id: expect.stringMatching(/^toolu_/), name: 'get_weather' },
    ]);
    const args = (index: number) => calls.flatMap((e) => (e.type === 'tool-call-delta' && e.index === index ? [e.argumentsDelta] : [])).join('');
    expect([args(0), args(1)]).toEqual(['{"city":"Paris"}', '{"city":"Rome"}']);
    expect(textOf(events)).toBe('Checking.');
    expect(events.at(-1)).toMatchObject({ type: 'finish', reason: 'tool-calls' });
  });

  test('with a JSON schema, the answer is the validated structured output and the preamble is dropped', async () => {
    const events = await decode(fixtureLines('structured-output'), true);
    expect(textOf(events)).toBe('{"name":"Alice","age":30}');
    expect(events.at(-1)).toMatchObject({ type: 'finish', reason: 'stop' });
  });

  test('a model that answers in plain text despite the schema is an error, not invalid JSON', async () => {
    const error = await decodeError(fixtureLines('structured-output-refused'), true);
    expect(error).toMatchObject({ code: 'invalid_model_output', status: 502 });
  });

  test('18. usage on early stops: a max_tokens stop after earlier calls of the turn counts them all', async () => {
    const events = await decode(fixtureLines('usage-across-calls'));
    expect(textOf(events)).toBe('Let me look.\n\nIt is sunny and warm');
    expect(events.at(-1)).toEqual({
      type: 'finish',
      reason: 'length',
      // call 1 (the search decision): 21 in, 5 cache read, 3 cache write, 7 out; call 2: 300 in, 100 cache read, 8 out
      usage: { inputTokens: 321, outputTokens: 15, cacheReadTokens: 105, cacheCreationTokens: 3 },
      costUsd: undefined,
    });
  });

  test('8. a prompt the CLI refuses as too long is a 400 context_length_exceeded, not a 502', async () => {
    const error = await decodeError(fixtureLines('prompt-too-long'));
    expect(error).toMatchObject({ code: 'context_length_exceeded', status: 400, param: 'messages' });
  });
});
