import type { ModelResult } from '../../core/collect-result.js';
import type { ChatCompletion } from '../../wire/openai-chat.js';
import type { CompletionContext } from './completion-context.js';
import { encodeUsage, mapFinishReason } from './encode-usage.js';

export function encodeChatResult(result: ModelResult, context: CompletionContext): ChatCompletion {
  return {
    id: context.id,
    object: 'chat.completion',
    created: context.created,
    model: context.model,
    system_fingerprint: null,
    choices: [
      {
        index: 0,
        message: { role: 'assistant', content: result.text, refusal: null },
        logprobs: null,
        finish_reason: mapFinishReason(result.finishReason),
      },
    ],
    usage: encodeUsage(result.usage),
  };
}
