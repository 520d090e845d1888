import type { FinishReason, Usage } from '../../core/model-event.js';
import type { ChatFinishReason, ChatUsage } from '../../wire/openai-chat.js';

/** OpenAI counts cached prompt tokens inside prompt_tokens and reports them again as cached_tokens. */
export function encodeUsage(usage: Usage): ChatUsage {
  const prompt = usage.inputTokens + usage.cacheReadTokens + usage.cacheCreationTokens;
  return {
    prompt_tokens: prompt,
    completion_tokens: usage.outputTokens,
    total_tokens: prompt + usage.outputTokens,
    prompt_tokens_details: { cached_tokens: usage.cacheReadTokens },
  };
}

const finishReasons: Readonly<Record<FinishReason, ChatFinishReason>> = {
  stop: 'stop',
  length: 'length',
  'tool-calls': 'tool_calls',
  'content-filter': 'content_filter',
  other: 'stop',
};

export const mapFinishReason = (reason: FinishReason, legacyFunctions: boolean): ChatFinishReason =>
  reason === 'tool-calls' && legacyFunctions ? 'function_call' : finishReasons[reason];
