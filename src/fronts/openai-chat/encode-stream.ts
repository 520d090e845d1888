import { assertNever } from '../../core/assert-never.js';
import type { Indexed } from '../../core/merge-indexed.js';
import type { ModelEvent, Usage } from '../../core/model-event.js';
import { sumUsage } from '../../core/usage.js';
import type { ChatCompletionChunk } from '../../wire/openai-chat.js';
import type { CompletionContext } from './completion-context.js';
import { encodeUsage, mapFinishReason } from './encode-usage.js';

type Delta = ChatCompletionChunk['choices'][number]['delta'];
type ChunkFinishReason = ChatCompletionChunk['choices'][number]['finish_reason'];

/**
 * ModelEvents of `choices` runs (tagged with their choice index) → `chat.completion.chunk`s. Each choice's role
 * chunk waits for its first event, so a request that fails before producing anything still gets a plain HTTP error
 * instead of a stream. With `includeUsage`, one usage chunk for all choices follows the last finish.
 */
export async function* encodeChatStream(
  events: AsyncIterable<Indexed<ModelEvent>>,
  context: CompletionContext,
  options: { includeUsage: boolean; choices: number },
): AsyncGenerator<ChatCompletionChunk> {
  const chunk = (index: number, delta: Delta, finishReason: ChunkFinishReason = null): ChatCompletionChunk => ({
    id: context.id,
    object: 'chat.completion.chunk',
    created: context.created,
    model: context.model,
    system_fingerprint: null,
    choices: [{ index, delta, logprobs: null, finish_reason: finishReason }],
    ...(options.includeUsage ? { usage: null } : {}),
  });

  const started = new Set<number>();
  const usages: Usage[] = [];
  for await (const { index, value: event } of events) {
    if (event.type === 'usage') continue; // bookkeeping, not output: it must not commit the response
    if (!started.has(index)) {
      started.add(index);
      yield chunk(index, { role: 'assistant', content: '' });
    }
    switch (event.type) {
      case 'text-delta':
        yield chunk(index, { content: event.text });
        break;
      case 'reasoning-delta':
        if (context.includeReasoning) yield chunk(index, { reasoning_content: event.text });
        break;
      case 'tool-call-start':
        yield chunk(
          index,
          context.legacyFunctions
            ? { function_call: { name: event.name, arguments: '' } }
            : { tool_calls: [{ index: event.index, id: event.id, type: 'function', function: { name: event.name, arguments: '' } }] },
        );
        break;
      case 'tool-call-delta':
        yield chunk(
          index,
          context.legacyFunctions
            ? { function_call: { arguments: event.argumentsDelta } }
            : { tool_calls: [{ index: event.index, function: { arguments: event.argumentsDelta } }] },
        );
        break;
      case 'finish':
        yield chunk(index, {}, mapFinishReason(event.reason, context.legacyFunctions));
        usages.push(event.usage);
        if (options.includeUsage && usages.length === options.choices) {
          yield { ...chunk(0, {}), choices: [], usage: encodeUsage(sumUsage(usages)) };
        }
        break;
      default:
        assertNever(event);
    }
  }
}
