import { assertNever } from '../../core/assert-never.js';
import type { ModelEvent } from '../../core/model-event.js';
import type { ChatCompletionChunk } from '../../wire/openai-chat.js';
import type { CompletionContext } from './completion-context.js';
import { encodeUsage, mapFinishReason } from './encode-usage.js';

/**
 * ModelEvents → `chat.completion.chunk`s. The role chunk waits for the first event, so a request that fails before
 * producing anything still gets a plain HTTP error instead of a stream.
 */
export async function* encodeChatStream(
  events: AsyncIterable<ModelEvent>,
  context: CompletionContext,
  includeUsage: boolean,
): AsyncGenerator<ChatCompletionChunk> {
  const chunk = (
    delta: ChatCompletionChunk['choices'][number]['delta'],
    finishReason: ChatCompletionChunk['choices'][number]['finish_reason'] = null,
  ): ChatCompletionChunk => ({
    id: context.id,
    object: 'chat.completion.chunk',
    created: context.created,
    model: context.model,
    system_fingerprint: null,
    choices: [{ index: 0, delta, logprobs: null, finish_reason: finishReason }],
    ...(includeUsage ? { usage: null } : {}),
  });

  let started = false;
  for await (const event of events) {
    if (!started) {
      started = true;
      yield chunk({ role: 'assistant', content: '' });
    }
    switch (event.type) {
      case 'text-delta':
        yield chunk({ content: event.text });
        break;
      case 'reasoning-delta':
        if (context.includeReasoning) yield chunk({ reasoning_content: event.text });
        break;
      case 'usage':
        break;
      case 'tool-call-start':
        yield chunk(
          context.legacyFunctions
            ? { function_call: { name: event.name, arguments: '' } }
            : { tool_calls: [{ index: event.index, id: event.id, type: 'function', function: { name: event.name, arguments: '' } }] },
        );
        break;
      case 'tool-call-delta':
        yield chunk(
          context.legacyFunctions
            ? { function_call: { arguments: event.argumentsDelta } }
            : { tool_calls: [{ index: event.index, function: { arguments: event.argumentsDelta } }] },
        );
        break;
      case 'finish':
        yield chunk({}, mapFinishReason(event.reason, context.legacyFunctions));
        if (includeUsage) yield { ...chunk({}), choices: [], usage: encodeUsage(event.usage) };
        break;
      default:
        assertNever(event);
    }
  }
}
