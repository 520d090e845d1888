import { z } from 'zod';
import { GatewayError } from '../../core/errors.js';
import type { FinishReason, ModelEvent, Usage } from '../../core/model-event.js';

const tokenLogprob = {
  token: z.string(),
  logprob: z.number(),
  bytes: z.array(z.number()).nullish(),
  top_logprobs: z.array(z.looseObject({ token: z.string(), logprob: z.number(), bytes: z.array(z.number()).nullish() })).nullish(),
};

const chunkSchema = z.looseObject({
  choices: z
    .array(
      z.looseObject({
        index: z.number().optional(),
        delta: z
          .looseObject({
            content: z.string().nullish(),
            // DeepSeek, vLLM and LM Studio say reasoning_content; OpenRouter and Ollama say reasoning.
            reasoning_content: z.string().nullish(),
            reasoning: z.string().nullish(),
            tool_calls: z
              .array(
                z.looseObject({
                  // Gemini's compatible endpoint and older Ollama leave it out.
                  index: z.number().nullish(),
                  id: z.string().nullish(),
                  function: z.looseObject({ name: z.string().nullish(), arguments: z.string().nullish() }).nullish(),
                }),
              )
              .nullish(),
          })
          .nullish(),
        finish_reason: z.string().nullish(),
        logprobs: z.looseObject({ content: z.array(z.looseObject(tokenLogprob)).nullish() }).nullish(),
      }),
    )
    .optional(),
  usage: z
    .looseObject({
      prompt_tokens: z.number().optional(),
      completion_tokens: z.number().optional(),
      prompt_tokens_details: z.looseObject({ cached_tokens: z.number().nullish() }).nullish(),
      // DeepSeek's own name for cached prompt tokens
      prompt_cache_hit_tokens: z.number().nullish(),
    })
    .nullish(),
  error: z.unknown().optional(),
});

const finishReasons = new Map<string, FinishReason>([
  ['stop', 'stop'],
  ['length', 'length'],
  ['tool_calls', 'tool-calls'],
  ['function_call', 'tool-calls'],
  ['content_filter', 'content-filter'],
]);

const zeroUsage: Usage = { inputTokens: 0, outputTokens: 0, cacheReadTokens: 0, cacheCreationTokens: 0 };

/**
 * An OpenAI chat completions stream (its `data:` payloads, parsed) → ModelEvents with block boundaries: text,
 * reasoning and each tool call (by its index) as blocks of their own, ended when another begins. Usage comes in the
 * last chunk (stream_options.include_usage); OpenAI counts cached tokens inside prompt_tokens.
 */
export async function* decodeChatStream(payloads: AsyncIterable<unknown>, provider: string): AsyncGenerator<ModelEvent> {
  let open: { type: 'text' | 'reasoning' | 'tool-call'; id: string } | undefined;
  /** Each call's id by its index (or, where a server sends none, its id). */
  const calls = new Map<number | string, string>();
  let blocks = 0;
  let finish: string | undefined;
  let usage = zeroUsage;
  const close = (): ModelEvent[] => {
    if (!open) return [];
    const ended: ModelEvent = { type: `${open.type}-end`, id: open.id } as ModelEvent;
    open = undefined;
    return [ended];
  };
  const begin = (type: 'text' | 'reasoning'): ModelEvent[] => {
    if (open?.type === type) return [];
    const events = close();
    open = { type, id: `${type}_${(blocks += 1)}` };
    events.push({ type: `${type}-start`, id: open.id } as ModelEvent);
    return events;
  };
  for await (const payload of payloads) {
    const parsed = chunkSchema.safeParse(payload);
    if (!parsed.success) throw new GatewayError('upstream_error', `Provider '${provider}' sent a chunk that is not a chat completion chunk.`);
    const chunk = parsed.data;
    if (chunk.error !== undefined) {
      throw new GatewayError('upstream_error', `Provider '${provider}' failed mid-stream.`, { detail: JSON.stringify(chunk.error).slice(0, 1000) });
    }
    if (chunk.usage) {
      const cached = chunk.usage.prompt_tokens_details?.cached_tokens ?? chunk.usage.prompt_cache_hit_tokens ?? 0;
      usage = { inputTokens: (chunk.usage.prompt_tokens ?? 0) - cached, outputTokens: chunk.usage.completion_tokens ?? 0, cacheReadTokens: cached, cacheCreationTokens: 0 };
    }
    const choice = chunk.choices?.find((c) => (c.index ?? 0) === 0);
    const delta = choice?.delta;
    const reasoning = delta?.reasoning_content ?? delta?.reasoning;
    if (reasoning) {
      yield* begin('reasoning');
      yield { type: 'reasoning-delta', id: open!.id, text: reasoning };
    }
    if (delta?.content) {
      yield* begin('text');
      const tokens = choice?.logprobs?.content;
      yield {
        type: 'text-delta',
        id: open!.id,
        text: delta.content,
        ...(tokens
          ? {
              logprobs: tokens.map((t) => ({
                token: t.token,
                logprob: t.logprob,
                bytes: t.bytes ?? null,
                top: (t.top_logprobs ?? []).map((alt) => ({ token: alt.token, logprob: alt.logprob, bytes: alt.bytes ?? null })),
              })),
            }
          : {}),
      };
    }
    for (const call of delta?.tool_calls ?? []) {
      const slot = call.index ?? call.id ?? (open?.type === 'tool-call' ? open.id : calls.size);
      let id = calls.get(slot);
      // A new id at a known index is a new call (some servers reuse index 0 for every call).
      if (id === undefined || (call.id && call.id !== id && call.function?.name)) {
        yield* close();
        id = call.id || `call_${calls.size}_${(blocks += 1)}`;
        calls.set(slot, id);
        open = { type: 'tool-call', id };
        yield { type: 'tool-call-start', id, name: call.function?.name ?? '' };
      } else if (open?.id !== id) {
        throw new GatewayError('upstream_error', `Provider '${provider}' interleaved tool calls, which cannot be relayed.`);
      }
      if (call.function?.arguments) yield { type: 'tool-call-delta', id, argumentsDelta: call.function.arguments };
    }
    if (choice?.finish_reason) finish = choice.finish_reason;
  }
  if (finish === undefined) throw new GatewayError('upstream_error', `Provider '${provider}' ended the stream before it finished.`);
  yield* close();
  // Older Ollama ends a turn of tool calls with "stop": calls were made, so the client must run them.
  const reason = calls.size > 0 && finish === 'stop' ? 'tool-calls' : (finishReasons.get(finish) ?? 'other');
  yield { type: 'finish', usage, costUsd: undefined, reason, raw: finish };
}
