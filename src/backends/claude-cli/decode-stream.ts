import { GatewayError } from '../../core/errors.js';
import type { ModelEvent, Usage } from '../../core/model-event.js';
import { noUsage, sumUsage } from '../../core/usage.js';
import {
  cliAssistantLineSchema,
  cliResultLineSchema,
  cliStreamEventSchema,
  type CliAssistantLine,
  type CliResultLine,
} from '../../wire/claude-cli-stream.js';
import { clientToolName } from './client-tools.js';
import type { CliRecord } from './decode-records.js';
import { decodeResultUsage, decodeUpstreamUsage } from './decode-usage.js';
import { mapResultError } from './map-result-error.js';
import { mapStopReason } from './map-stop-reason.js';

/** Between text blocks (e.g. before and after a web search) so they do not run together. */
const blockSeparator = '\n\n';

/**
 * CLI records → ModelEvents. Text and thinking are yielded from `stream_event` deltas as they arrive. An
 * `assistant` line confirms a streamed block; one that arrives with no deltas before it comes from the CLI's silent
 * non-streaming fallback (CLAUDE-CLI-PROTOCOL.md §3.3) and is yielded whole, minus any prefix already streamed.
 * Calls to client tools (`mcp__client__*`) become tool-call events; built-in tools the CLI runs itself are not shown.
 * With a JSON schema, the answer is the CLI's validated `structured_output` (§5.10), yielded once it is accepted:
 * the model's own text is only a preamble then, and invalid attempts the CLI sends back must not reach the client.
 * Ends with one `finish` event from the `result` line, or throws a GatewayError.
 */
export async function* decodeCliStream(records: AsyncIterable<CliRecord>, { structuredOutput = false } = {}): AsyncGenerator<ModelEvent> {
  let streamingMessageId: string | undefined;
  let blockStreamed = false;
  let unconfirmedText = '';
  let wroteText = false;
  let separatorDue = false;
  let assistantError: string | undefined;
  let toolCalls = 0;
  let openToolCall: number | undefined;
  // A turn can make several API calls (a WebFetch, then the answer): usage adds them up.
  let finishedCalls: Usage = noUsage;
  let currentCall: Usage | undefined;
  let toolArgumentsSeen = false;

  const text = (chunk: string): ModelEvent | undefined => {
    if (structuredOutput) return undefined;
    const out = separatorDue ? blockSeparator + chunk : chunk;
    separatorDue = false;
    wroteText = true;
    return { type: 'text-delta', text: out };
  };

  for await (const record of records) {
    if (record.type === 'stream_event') {
      const event = cliStreamEventSchema.safeParse(record.event);
      if (!event.success) continue; // content_block_stop, message_stop, ping, … carry nothing we need
      const e = event.data;
      if (e.type === 'message_start') {
        streamingMessageId = e.message.id;
        if (currentCall) finishedCalls = sumUsage([finishedCalls, currentCall]);
        currentCall = { ...(e.message.usage ? decodeUpstreamUsage(e.message.usage) : noUsage), outputTokens: 0 };
        yield { type: 'usage', usage: sumUsage([finishedCalls, currentCall]) };
      } else if (e.type === 'message_delta') {
        if (currentCall && e.usage) currentCall = { ...currentCall, outputTokens: e.usage.output_tokens };
        // At max_tokens the CLI would inject "Output token limit hit. Resume directly…" and call the model again (up
        // to 3 times, then fail): the response ends here instead, as the Chat API would end it.
        if (e.delta.stop_reason !== 'max_tokens') continue;
        yield { type: 'finish', reason: 'length', usage: sumUsage([finishedCalls, currentCall ?? noUsage]), costUsd: undefined };
        return;
      } else if (e.type === 'content_block_start') {
        blockStreamed = false;
        openToolCall = undefined;
        if (e.content_block.type === 'text' && wroteText) separatorDue = true;
        const tool = e.content_block.type === 'tool_use' ? clientToolName(e.content_block.name) : undefined;
        if (tool !== undefined) {
          blockStreamed = true;
          openToolCall = toolCalls++;
          toolArgumentsSeen = false;
          yield { type: 'tool-call-start', index: openToolCall, id: e.content_block.id ?? `call_${openToolCall}`, name: tool };
        }
      } else if (e.delta.type === 'input_json_delta' && e.delta.partial_json && openToolCall !== undefined) {
        toolArgumentsSeen = true;
        yield { type: 'tool-call-delta', index: openToolCall, argumentsDelta: e.delta.partial_json };
      } else if (e.delta.type === 'text_delta' && e.delta.text) {
        blockStreamed = true;
        unconfirmedText += e.delta.text;
        const delta = text(e.delta.text);
        if (delta) yield delta;
      } else if (e.delta.type === 'thinking_delta' && e.delta.thinking) {
        blockStreamed = true;
        yield { type: 'reasoning-delta', text: e.delta.thinking };
      }
    } else if (record.type === 'assistant') {
      const assistant = cliAssistantLineSchema.safeParse(record);
      if (!assistant.success) continue;
      if (assistant.data.error !== undefined) {
        assistantError = assistant.data.error; // synthetic message of a failed turn; the result line follows
        continue;
      }
      const streamed = blockStreamed && assistant.data.message.id === streamingMessageId;
      if (streamed && openToolCall !== undefined && !toolArgumentsSeen) {
        // A call without arguments streams no fragment; OpenAI clients parse `arguments` and expect "{}".
        yield { type: 'tool-call-delta', index: openToolCall, argumentsDelta: '{}' };
      }
      for (const block of unstreamedBlocks(assistant.data, streamed)) {
        if (block.type === 'tool-call') {
          const index = toolCalls++;
          yield { type: 'tool-call-start', index, id: block.id, name: block.name };
          yield { type: 'tool-call-delta', index, argumentsDelta: JSON.stringify(block.input ?? {}) };
        } else if (block.type === 'reasoning-delta') {
          yield block;
        } else if (unconfirmedText && block.text.startsWith(unconfirmedText)) {
          const rest = block.text.slice(unconfirmedText.length);
          const delta = rest ? text(rest) : undefined;
          if (delta) yield delta;
        } else {
          separatorDue = wroteText;
          const delta = text(block.text);
          if (delta) yield delta;
        }
        unconfirmedText = '';
      }
      unconfirmedText = '';
    } else if (record.type === 'result') {
      const result = cliResultLineSchema.safeParse(record);
      if (!result.success) continue;
      if (result.data.is_error) throw mapResultError(result.data, assistantError);
      if (structuredOutput) yield structuredAnswer(result.data, toolCalls > 0);
      yield {
        type: 'finish',
        reason: mapStopReason(result.data.stop_reason),
        usage: decodeResultUsage(result.data),
        costUsd: result.data.total_cost_usd,
      };
      return;
    }
  }
  throw new GatewayError('cli_failed', 'The Claude CLI stopped without reporting a result.');
}

function structuredAnswer(result: CliResultLine, calledTools: boolean): ModelEvent {
  if (result.structured_output !== undefined) return { type: 'text-delta', text: JSON.stringify(result.structured_output) };
  if (calledTools) return { type: 'text-delta', text: '' }; // the turn stopped at client tool calls instead
  throw new GatewayError('invalid_model_output', 'The model answered in plain text instead of output matching the JSON schema.');
}

type UnstreamedBlock = Extract<ModelEvent, { text: string }> | { type: 'tool-call'; id: string; name: string; input: unknown };

/** The text, thinking and client tool calls of an assistant line that were not already streamed as deltas. */
function unstreamedBlocks(line: CliAssistantLine, streamed: boolean): UnstreamedBlock[] {
  if (streamed) return [];
  const blocks: UnstreamedBlock[] = [];
  for (const block of line.message.content) {
    if (block.type === 'text' && block.text) blocks.push({ type: 'text-delta', text: block.text });
    if (block.type === 'thinking' && block.thinking) blocks.push({ type: 'reasoning-delta', text: block.thinking });
    const tool = block.type === 'tool_use' ? clientToolName(block.name) : undefined;
    if (tool !== undefined) blocks.push({ type: 'tool-call', id: block.id ?? 'call', name: tool, input: block.input });
  }
  return blocks;
}
