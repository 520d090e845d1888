import { assertNever } from '../../core/assert-never.js';
import type { Indexed } from '../../core/merge-indexed.js';
import type { ModelEvent, TokenLogprob, Usage } from '../../core/model-event.js';
import { sumUsage } from '../../core/usage.js';
import type { ChatCompletionChunk } from '../../wire/openai-chat.js';
import type { CompletionContext } from './completion-context.js';
import { encodeLogprobs } from './encode-logprobs.js';
import { encodeUsage, mapFinishReason } from './encode-usage.js';

type Delta = ChatCompletionChunk['choices'][number]['delta'];
type ChunkFinishReason = ChatCompletionChunk['choices'][number]['finish_reason'];

/** What one choice's chunks depend on so far. */
interface ChoiceState {
  /** Tool call id → its index among this choice's calls (OpenAI numbers them; blocks have ids). */
  toolIndexes: Map<string, number>;
  toolsWithArguments: Set<string>;
  wroteText: boolean;
  separatorDue: boolean;
}

/**
 * ModelEvents of `choices` runs (tagged with their choice index) → `chat.completion.chunk` SSE frames. Each choice's role
 * chunk waits for its first event, so a request that fails before producing anything still gets a plain HTTP error
 * instead of a stream. Text blocks run together with a blank line between them, as in the non-streaming message. With
 * `includeUsage`, one usage chunk for all choices follows the last finish.
 */
export async function* encodeChatStream(
  events: AsyncIterable<Indexed<ModelEvent>>,
  context: CompletionContext,
  options: { includeUsage: boolean; choices: number },
): AsyncGenerator<{ data: ChatCompletionChunk }> {
  const chunk = (
    index: number,
    delta: Delta,
    finishReason: ChunkFinishReason = null,
    logprobs: TokenLogprob[] | undefined = undefined,
  ): ChatCompletionChunk => ({
    id: context.id,
    object: 'chat.completion.chunk',
    created: context.created,
    model: context.model,
    system_fingerprint: null,
    choices: [{ index, delta, logprobs: encodeLogprobs(logprobs), finish_reason: finishReason }],
    ...(options.includeUsage ? { usage: null } : {}),
  });

  const states = new Map<number, ChoiceState>();
  const usages: Usage[] = [];
  for await (const { index, value: event } of events) {
    if (event.type === 'usage') continue; // bookkeeping, not output: it must not commit the response
    let state = states.get(index);
    if (state === undefined) {
      state = { toolIndexes: new Map(), toolsWithArguments: new Set(), wroteText: false, separatorDue: false };
      states.set(index, state);
      yield { data: chunk(index, { role: 'assistant', content: '' }) };
    }
    if (event.type === 'finish') {
      yield { data: chunk(index, {}, mapFinishReason(event.reason, context.legacyFunctions)) };
      usages.push(event.usage);
      if (options.includeUsage && usages.length === options.choices) yield { data: { ...chunk(0, {}), choices: [], usage: encodeUsage(sumUsage(usages)) } };
      continue;
    }
    const delta = encodeDelta(event, state, context);
    if (delta) yield { data: chunk(index, delta, null, event.type === 'text-delta' ? event.logprobs : undefined) };
  }
}

function encodeDelta(event: Exclude<ModelEvent, { type: 'usage' | 'finish' }>, state: ChoiceState, context: CompletionContext): Delta | undefined {
  switch (event.type) {
    case 'text-start':
      state.separatorDue = state.wroteText;
      return undefined;
    case 'text-delta': {
      const content = state.separatorDue ? context.textSeparator + event.text : event.text;
      state.separatorDue = false;
      state.wroteText = true;
      return { content };
    }
    case 'reasoning-delta':
      return context.includeReasoning ? { reasoning_content: event.text } : undefined;
    case 'tool-call-start': {
      const index = state.toolIndexes.size;
      state.toolIndexes.set(event.id, index);
      return context.legacyFunctions
        ? { function_call: { name: event.name, arguments: '' } }
        : { tool_calls: [{ index, id: event.id, type: 'function', function: { name: event.name, arguments: '' } }] };
    }
    case 'tool-call-delta':
      state.toolsWithArguments.add(event.id);
      return argumentsDelta(state.toolIndexes.get(event.id) ?? 0, event.argumentsDelta, context);
    case 'tool-call-end':
      // A call without arguments streams no fragment; OpenAI clients parse `arguments` and expect "{}".
      return state.toolsWithArguments.has(event.id) ? undefined : argumentsDelta(state.toolIndexes.get(event.id) ?? 0, '{}', context);
    case 'text-end':
    case 'reasoning-start':
    case 'reasoning-end':
      return undefined;
    default:
      return assertNever(event);
  }
}

const argumentsDelta = (index: number, fragment: string, context: CompletionContext): Delta =>
  context.legacyFunctions ? { function_call: { arguments: fragment } } : { tool_calls: [{ index, function: { arguments: fragment } }] };
