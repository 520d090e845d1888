import type { Usage } from '../../core/model-event.js';
import type { ResponseUsage } from '../../wire/openai-responses-response.js';

/** OpenAI counts cached input tokens inside input_tokens and again as cached_tokens; reasoning inside output_tokens. */
export function encodeUsage(usage: Usage, reasoningTokens: number): ResponseUsage {
  const input = usage.inputTokens + usage.cacheReadTokens + usage.cacheCreationTokens;
  return {
    input_tokens: input,
    input_tokens_details: { cached_tokens: usage.cacheReadTokens },
    output_tokens: usage.outputTokens,
    output_tokens_details: { reasoning_tokens: reasoningTokens },
    total_tokens: input + usage.outputTokens,
  };
}
