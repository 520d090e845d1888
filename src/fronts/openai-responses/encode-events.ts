import { nanoid } from 'nanoid';
import { assertNever } from '../../core/assert-never.js';
import { GatewayError } from '../../core/errors.js';
import type { ModelEvent } from '../../core/model-event.js';
import type { SseFrame } from '../../http/write-sse.js';
import type { OutputItem, OutputText, ResponseObject, ResponseStreamEvent } from '../../wire/openai-responses-response.js';
import { encodeUsage } from './encode-usage.js';
import { createFreeformInput } from './freeform-input.js';
import { responseObject, type ResponseContext } from './response-context.js';

type Open =
  | { kind: 'message'; item: Extract<OutputItem, { type: 'message' }>; index: number; part: OutputText }
  | { kind: 'reasoning'; item: Extract<OutputItem, { type: 'reasoning' }>; index: number; part: { type: 'summary_text'; text: string } }
  | { kind: 'function'; item: Extract<OutputItem, { type: 'function_call' }>; index: number }
  | { kind: 'custom'; item: Extract<OutputItem, { type: 'custom_tool_call' }>; index: number; input: ReturnType<typeof createFreeformInput> };

/**
 * ModelEvents → the Responses API's events, each with its `sequence_number`: `response.created` and
 * `response.in_progress` once the model produced something (a failure before that stays a plain HTTP error), every
 * item added before its deltas and done with its whole content, then `response.completed` (or `.incomplete`) with the
 * whole response — which `onEnd` receives first (to store it). Non-streaming responses take this path too and keep
 * the last event's response. Reasoning is shown as summary items only when the request asked for a summary.
 */
export async function* encodeResponseEvents(
  events: AsyncIterable<ModelEvent>,
  context: ResponseContext,
  onEnd: (response: ResponseObject) => Promise<void>,
): AsyncGenerator<SseFrame> {
  const frame = <T extends ResponseStreamEvent['type']>(type: T, fields: Omit<Extract<ResponseStreamEvent, { type: T }>, 'type' | 'sequence_number'>): SseFrame => ({
    event: type,
    data: { type, sequence_number: context.sequence++, ...fields },
  });
  const { output } = context;
  const open = new Map<string, Open>();
  let reasoningText = '';
  let started = false;
  for await (const event of events) {
    if (event.type === 'usage') continue; // bookkeeping, not output: it must not commit the response
    if (!started) {
      started = true;
      const response = responseObject(context, { status: 'in_progress', usage: null, incomplete_details: null });
      yield frame('response.created', { response });
      yield frame('response.in_progress', { response });
    }
    const at = (entry: Open) => ({ item_id: entry.item.id, output_index: entry.index });
    const add = function* (entry: Open) {
      open.set(eventId(event), entry);
      output.push(entry.item);
      yield frame('response.output_item.added', { output_index: entry.index, item: structuredClone(entry.item) });
    };
    const done = function* (entry: Open) {
      if ('status' in entry.item) entry.item.status = 'completed';
      yield frame('response.output_item.done', { output_index: entry.index, item: entry.item });
    };
    switch (event.type) {
      case 'text-start': {
        const part: OutputText = { type: 'output_text', text: '', annotations: [], logprobs: [] };
        const entry: Open = { kind: 'message', item: { type: 'message', id: `msg_${nanoid()}`, status: 'in_progress', role: 'assistant', content: [] }, index: output.length, part };
        yield* add(entry);
        entry.item.content.push(part);
        yield frame('response.content_part.added', { ...at(entry), content_index: 0, part: { ...part } });
        break;
      }
      case 'text-delta': {
        const entry = open.get(event.id);
        if (entry?.kind !== 'message') break;
        entry.part.text += event.text;
        yield frame('response.output_text.delta', { ...at(entry), content_index: 0, delta: event.text, logprobs: [] });
        break;
      }
      case 'text-end': {
        const entry = open.get(event.id);
        if (entry?.kind !== 'message') break;
        yield frame('response.output_text.done', { ...at(entry), content_index: 0, text: entry.part.text, logprobs: [] });
        yield frame('response.content_part.done', { ...at(entry), content_index: 0, part: entry.part });
        yield* done(entry);
        break;
      }
      case 'reasoning-start': {
        if (!context.showReasoning) break;
        const part = { type: 'summary_text' as const, text: '' };
        const entry: Open = { kind: 'reasoning', item: { type: 'reasoning', id: `rs_${nanoid()}`, summary: [] }, index: output.length, part };
        yield* add(entry);
        entry.item.summary.push(part);
        yield frame('response.reasoning_summary_part.added', { ...at(entry), summary_index: 0, part: { ...part } });
        break;
      }
      case 'reasoning-delta': {
        reasoningText += event.text;
        const entry = open.get(event.id);
        if (entry?.kind !== 'reasoning') break;
        entry.part.text += event.text;
        yield frame('response.reasoning_summary_text.delta', { ...at(entry), summary_index: 0, delta: event.text });
        break;
      }
      case 'reasoning-end': {
        const entry = open.get(event.id);
        if (entry?.kind !== 'reasoning') break;
        yield frame('response.reasoning_summary_text.done', { ...at(entry), summary_index: 0, text: entry.part.text });
        yield frame('response.reasoning_summary_part.done', { ...at(entry), summary_index: 0, part: entry.part });
        if (context.includeEncryptedReasoning) entry.item.encrypted_content = event.signature ?? null;
        yield* done(entry);
        break;
      }
      case 'tool-call-start': {
        const client = context.clientTools.get(event.name);
        const name = client?.name ?? event.name;
        const namespace = client?.namespace ? { namespace: client.namespace } : {};
        const common = { call_id: event.id, name, status: 'in_progress' as const, ...namespace };
        yield* add(
          client?.custom
            ? { kind: 'custom', item: { type: 'custom_tool_call', id: `ctc_${nanoid()}`, input: '', ...common }, index: output.length, input: createFreeformInput() }
            : { kind: 'function', item: { type: 'function_call', id: `fc_${nanoid()}`, arguments: '', ...common }, index: output.length },
        );
        break;
      }
      case 'tool-call-delta': {
        const entry = open.get(event.id);
        if (entry?.kind === 'custom') {
          const piece = entry.input.add(event.argumentsDelta);
          entry.item.input += piece;
          if (piece) yield frame('response.custom_tool_call_input.delta', { ...at(entry), delta: piece });
        }
        if (entry?.kind !== 'function') break;
        entry.item.arguments += event.argumentsDelta;
        yield frame('response.function_call_arguments.delta', { ...at(entry), delta: event.argumentsDelta });
        break;
      }
      case 'tool-call-end': {
        const entry = open.get(event.id);
        if (entry?.kind === 'function') {
          // A call without arguments streams no fragment; clients parse `arguments` and expect "{}".
          if (entry.item.arguments === '') {
            entry.item.arguments = '{}';
            yield frame('response.function_call_arguments.delta', { ...at(entry), delta: '{}' });
          }
          yield frame('response.function_call_arguments.done', { ...at(entry), name: entry.item.name, arguments: entry.item.arguments });
        } else if (entry?.kind === 'custom') {
          const whole = entry.input.finish();
          const rest = whole.startsWith(entry.item.input) ? whole.slice(entry.item.input.length) : '';
          if (rest) yield frame('response.custom_tool_call_input.delta', { ...at(entry), delta: rest });
          entry.item.input = whole;
          yield frame('response.custom_tool_call_input.done', { ...at(entry), input: whole });
        } else break;
        yield* done(entry);
        break;
      }
      case 'finish': {
        const incomplete = event.reason === 'length' ? 'max_output_tokens' : event.reason === 'content-filter' ? 'content_filter' : undefined;
        const last = output.at(-1);
        if (incomplete && last && 'status' in last) last.status = 'incomplete'; // the item the limit cut short
        const usage = encodeUsage(event.usage, reasoningText ? Math.min(await context.countTokens(reasoningText), event.usage.outputTokens) : 0);
        const response = responseObject(context, {
          status: incomplete ? 'incomplete' : 'completed',
          usage,
          incomplete_details: incomplete ? { reason: incomplete } : null,
        });
        await onEnd(response);
        yield frame(incomplete ? 'response.incomplete' : 'response.completed', { response });
        return;
      }
      default:
        assertNever(event);
    }
  }
  throw new GatewayError('upstream_error', 'The model stream ended without finishing.');
}

const eventId = (event: ModelEvent) => ('id' in event ? event.id : '');
