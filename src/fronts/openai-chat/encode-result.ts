import type { ModelResult } from '../../core/collect-result.js';
import type { ChatCompletion } from '../../wire/openai-chat.js';
import type { CompletionContext } from './completion-context.js';
import { encodeUsage, mapFinishReason } from './encode-usage.js';

export function encodeChatResult(result: ModelResult, context: CompletionContext): ChatCompletion {
  const calls = result.toolCalls.map(({ id, name, arguments: args }) => ({ id, type: 'function' as const, function: { name, arguments: args } }));
  const [first] = calls;
  const toolCalls = first === undefined ? {} : context.legacyFunctions ? { function_call: first.function } : { tool_calls: calls };
  return {
    id: context.id,
    object: 'chat.completion',
    created: context.created,
    model: context.model,
    system_fingerprint: null,
    choices: [
      {
        index: 0,
        // OpenAI sends null content beside tool calls when the model wrote no text.
        message: {
          role: 'assistant',
          content: result.text || (first ? null : ''),
          refusal: null,
          ...toolCalls,
          ...(context.includeReasoning && result.reasoning ? { reasoning_content: result.reasoning } : {}),
        },
        logprobs: null,
        finish_reason: mapFinishReason(result.finishReason, context.legacyFunctions),
      },
    ],
    usage: encodeUsage(result.usage),
  };
}
