import { assertNever } from '../../core/assert-never.js';
import type { ModelEvent, Usage } from '../../core/model-event.js';
import { noUsage } from '../../core/usage.js';
import type { SseFrame } from '../../http/write-sse.js';
import type { StreamEvent } from '../../wire/anthropic-messages-response.js';
import { encodeUsage, mapStopReason } from './encode-usage.js';
import type { MessageContext } from './message-context.js';

const frame = (data: StreamEvent): SseFrame => ({ event: data.type, data });

/**
 * ModelEvents → the Messages API's SSE events, each with its `event:` line. `message_start` waits for the model to
 * start (the first usage event: the request was admitted and the API accepted it), so a request that fails before
 * that still gets a plain HTTP error with its status; from then on the stream is open, and pings keep it alive while
 * nothing shows (structured output, a web search). `message_start` carries the prompt's usage, `message_delta` the
 * totals. Blocks are numbered in the order they start, one `content_block_start` and
 * one `content_block_stop` each; tool input streams as the model writes it (`input_json_delta`).
 */
export async function* encodeMessageStream(events: AsyncIterable<ModelEvent>, context: MessageContext): AsyncGenerator<SseFrame> {
  let usage: Usage = noUsage;
  let started = false;
  const indexes = new Map<string, number>();
  const open = (id: string) => {
    const index = indexes.size;
    indexes.set(id, index);
    return index;
  };
  const at = (id: string) => indexes.get(id) ?? 0;

  for await (const event of events) {
    if (event.type === 'usage') usage = event.usage;
    if (!started) {
      started = true;
      const message = { id: context.id, type: 'message' as const, role: 'assistant' as const, model: context.model, content: [], stop_reason: null, stop_sequence: null };
      yield frame({ type: 'message_start', message: { ...message, usage: encodeUsage({ ...usage, outputTokens: 0 }) } });
      yield frame({ type: 'ping' });
    }
    const hidden = !context.showThinking && (event.type === 'reasoning-start' || event.type === 'reasoning-delta' || event.type === 'reasoning-end');
    if (hidden) continue;
    switch (event.type) {
      case 'usage':
        break;
      case 'text-start':
        yield frame({ type: 'content_block_start', index: open(event.id), content_block: { type: 'text', text: '' } });
        break;
      case 'text-delta':
        yield frame({ type: 'content_block_delta', index: at(event.id), delta: { type: 'text_delta', text: event.text } });
        break;
      case 'reasoning-start':
        yield frame({ type: 'content_block_start', index: open(event.id), content_block: { type: 'thinking', thinking: '', signature: '' } });
        break;
      case 'reasoning-delta':
        yield frame({ type: 'content_block_delta', index: at(event.id), delta: { type: 'thinking_delta', thinking: event.text } });
        break;
      case 'reasoning-end':
        if (event.signature) yield frame({ type: 'content_block_delta', index: at(event.id), delta: { type: 'signature_delta', signature: event.signature } });
        yield frame({ type: 'content_block_stop', index: at(event.id) });
        break;
      case 'tool-call-start':
        yield frame({ type: 'content_block_start', index: open(event.id), content_block: { type: 'tool_use', id: event.id, name: event.name, input: {} } });
        break;
      case 'tool-call-delta':
        yield frame({ type: 'content_block_delta', index: at(event.id), delta: { type: 'input_json_delta', partial_json: event.argumentsDelta } });
        break;
      case 'text-end':
      case 'tool-call-end':
        yield frame({ type: 'content_block_stop', index: at(event.id) });
        break;
      case 'finish':
        yield frame({
          type: 'message_delta',
          delta: { stop_reason: mapStopReason(event), stop_sequence: event.stopSequence ?? null },
          usage: encodeUsage(event.usage),
        });
        yield frame({ type: 'message_stop' });
        break;
      default:
        assertNever(event);
    }
  }
}
