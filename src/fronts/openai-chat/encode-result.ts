import type { ModelResult } from '../../core/collect-result.js';
import type { ChatCompletion } from '../../wire/openai-chat.js';
import type { CompletionContext } from './completion-context.js';
import { sumUsage } from '../../core/usage.js';
import { encodeLogprobs } from './encode-logprobs.js';
import { encodeUsage, mapFinishReason } from './encode-usage.js';
import { joinText } from './join-text.js';

/** One result per choice (n > 1 gives several); usage is their sum. */
export function encodeChatResult(results: readonly ModelResult[], context: CompletionContext): ChatCompletion {
  return {
    id: context.id,
    object: 'chat.completion',
    created: context.created,
    model: context.model,
    system_fingerprint: null,
    choices: results.map((result, index) => encodeChoice(result, index, context)),
    usage: encodeUsage(sumUsage(results.map((result) => result.usage))),
  };
}

function encodeChoice(result: ModelResult, index: number, context: CompletionContext): ChatCompletion['choices'][number] {
  const calls = result.content.flatMap((block) =>
    // A call without arguments has none to show; OpenAI clients parse `arguments` and expect "{}".
    block.type === 'tool-call' ? [{ id: block.id, type: 'function' as const, function: { name: block.name, arguments: block.arguments || '{}' } }] : [],
  );
  const text = joinText(result.content, context.textSeparator);
  const reasoning = result.content.flatMap((block) => (block.type === 'reasoning' ? [block.text] : [])).join('');
  const [first] = calls;
  const toolCalls = first === undefined ? {} : context.legacyFunctions ? { function_call: first.function } : { tool_calls: calls };
  return {
    index,
    // OpenAI sends null content beside tool calls when the model wrote no text.
    message: {
      role: 'assistant',
      content: text || (first ? null : ''),
      refusal: null,
      ...toolCalls,
      ...(context.includeReasoning && reasoning ? { reasoning_content: reasoning } : {}),
    },
    logprobs: encodeLogprobs(result.content.flatMap((block) => (block.type === 'text' ? (block.logprobs ?? []) : []))),
    finish_reason: mapFinishReason(result.finish.reason, context.legacyFunctions),
  };
}
