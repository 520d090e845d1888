import { decodeChatStream } from '../../../src/backends/openai-http/decode-chat-stream.js';
import type { ModelEvent } from '../../../src/core/model-event.js';

async function decode(chunks: unknown[]): Promise<ModelEvent[]> {
  const events: ModelEvent[] = [];
  for await (const event of decodeChatStream((async function* () { yield* chunks; })(), 'local')) events.push(event);
  return events;
}
const delta = (d: Record<string, unknown>, finish: string | null = null) => ({ choices: [{ index: 0, delta: d, finish_reason: finish }] });
const usage = { choices: [], usage: { prompt_tokens: 30, completion_tokens: 5, prompt_tokens_details: { cached_tokens: 10 } } };
const zero = { inputTokens: 0, outputTokens: 0, cacheReadTokens: 0, cacheCreationTokens: 0 };

describe('decoding an OpenAI-compatible stream', () => {
  test('reasoning (either field name), then text, then usage with cached tokens: blocks of their own', async () => {
    expect(await decode([delta({ reasoning_content: 'Hm' }), delta({ reasoning: '.' }), delta({ content: 'Hi' }), delta({ content: '!' }), delta({}, 'stop'), usage])).toEqual([
      { type: 'reasoning-start', id: 'reasoning_1' },
      { type: 'reasoning-delta', id: 'reasoning_1', text: 'Hm' },
      { type: 'reasoning-delta', id: 'reasoning_1', text: '.' },
      { type: 'reasoning-end', id: 'reasoning_1' },
      { type: 'text-start', id: 'text_2' },
      { type: 'text-delta', id: 'text_2', text: 'Hi' },
      { type: 'text-delta', id: 'text_2', text: '!' },
      { type: 'text-end', id: 'text_2' },
      { type: 'finish', usage: { inputTokens: 20, outputTokens: 5, cacheReadTokens: 10, cacheCreationTokens: 0 }, costUsd: undefined, reason: 'stop', raw: 'stop' },
    ]);
  });

  test('parallel tool calls by index, arguments in fragments', async () => {
    const events = await decode([
      delta({ tool_calls: [{ index: 0, id: 'a', function: { name: 'f', arguments: '{"x"' } }] }),
      delta({ tool_calls: [{ index: 0, function: { arguments: ':1}' } }] }),
      delta({ tool_calls: [{ index: 1, id: 'b', function: { name: 'g', arguments: '{}' } }] }),
      delta({}, 'tool_calls'),
    ]);
    expect(events).toEqual([
      { type: 'tool-call-start', id: 'a', name: 'f' },
      { type: 'tool-call-delta', id: 'a', argumentsDelta: '{"x"' },
      { type: 'tool-call-delta', id: 'a', argumentsDelta: ':1}' },
      { type: 'tool-call-end', id: 'a' },
      { type: 'tool-call-start', id: 'b', name: 'g' },
      { type: 'tool-call-delta', id: 'b', argumentsDelta: '{}' },
      { type: 'tool-call-end', id: 'b' },
      { type: 'finish', usage: zero, costUsd: undefined, reason: 'tool-calls', raw: 'tool_calls' },
    ]);
  });

  test('servers that omit the index, reuse index 0, or end tool calls with "stop"', async () => {
    const events = await decode([
      delta({ tool_calls: [{ id: 'a', function: { name: 'f', arguments: '{}' } }] }),
      delta({ tool_calls: [{ index: 0, id: 'b', function: { name: 'g', arguments: '{}' } }] }),
      delta({}, 'stop'),
    ]);
    expect(events.filter((event) => event.type === 'tool-call-start')).toEqual([
      { type: 'tool-call-start', id: 'a', name: 'f' },
      { type: 'tool-call-start', id: 'b', name: 'g' },
    ]);
    expect(events.at(-1)).toMatchObject({ type: 'finish', reason: 'tool-calls', raw: 'stop' });
  });

  test('token log probabilities ride on their text delta', async () => {
    const tokens = { content: [{ token: 'Hi', logprob: -0.1, bytes: [72, 105], top_logprobs: [{ token: 'Hello', logprob: -2.5, bytes: null }] }] };
    const events = await decode([{ choices: [{ index: 0, delta: { content: 'Hi' }, logprobs: tokens, finish_reason: null }] }, delta({}, 'stop')]);
    expect(events[1]).toEqual({ type: 'text-delta', id: 'text_1', text: 'Hi', logprobs: [{ token: 'Hi', logprob: -0.1, bytes: [72, 105], top: [{ token: 'Hello', logprob: -2.5, bytes: null }] }] });
  });

  test('an unknown finish reason is "other" (never an object property), and DeepSeek\'s cache field counts', async () => {
    const events = await decode([delta({ content: 'x' }, 'constructor'), { choices: [], usage: { prompt_tokens: 9, completion_tokens: 1, prompt_cache_hit_tokens: 4 } }]);
    expect(events.at(-1)).toMatchObject({ reason: 'other', raw: 'constructor', usage: { inputTokens: 5, cacheReadTokens: 4 } });
  });

  test('an error chunk, a stream that ends without finishing, and a chunk of the wrong shape fail as upstream errors', async () => {
    await expect(decode([delta({ content: 'x' }), { error: { message: 'overloaded' } }])).rejects.toMatchObject({ code: 'upstream_error' });
    await expect(decode([delta({ content: 'x' })])).rejects.toMatchObject({ code: 'upstream_error', message: expect.stringMatching(/before it finished/) });
    await expect(decode([{ choices: 'nope' }])).rejects.toMatchObject({ code: 'upstream_error' });
  });
});
