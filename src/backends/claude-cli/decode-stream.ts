import { GatewayError } from '../../core/errors.js';
import type { ModelEvent, Usage } from '../../core/model-event.js';
import { noUsage, sumUsage } from '../../core/usage.js';
import { cliAssistantLineSchema, cliResultLineSchema, cliStreamEventSchema, type CliResultLine } from '../../wire/claude-cli-stream.js';
import { clientToolName } from './client-tools.js';
import type { CliRecord } from './decode-records.js';
import { blockEnd, decodeUnstreamedBlocks, type OpenBlock } from './decode-unstreamed-blocks.js';
import { decodeResultUsage, decodeUpstreamUsage } from './decode-usage.js';
import { mapResultError } from './map-result-error.js';
import { mapStopReason } from './map-stop-reason.js';

/**
 * CLI records → ModelEvents, block by block. Text, thinking and client tool calls (`mcp__client__*`) stream from
 * `stream_event`s as they arrive: each upstream content block becomes a start, its deltas and an end. Built-in tools
 * the CLI runs itself (WebSearch, WebFetch) are not shown. An `assistant` line of another message than the one
 * streaming comes from the CLI's silent non-streaming fallback (CLAUDE-CLI-PROTOCOL.md §3.3) and is decoded whole
 * (decode-unstreamed-blocks). With a JSON schema the answer is the CLI's validated `structured_output` (§5.10), one
 * text block at the end: the model's own text is only a preamble then. Ends with one `finish` event, or throws a
 * GatewayError.
 */
export async function* decodeCliStream(records: AsyncIterable<CliRecord>, { structuredOutput = false } = {}): AsyncGenerator<ModelEvent> {
  let messageId = '';
  let open: OpenBlock | undefined;
  let assistantError: string | undefined;
  let calledClientTools = false;
  let stopSequence: string | undefined;
  // A turn can make several API calls (a WebFetch, then the answer): usage adds them up.
  let finishedCalls: Usage = noUsage;
  let currentCall: Usage | undefined;

  for await (const record of records) {
    if (record.type === 'stream_event') {
      const event = cliStreamEventSchema.safeParse(record.event);
      if (!event.success) continue; // message_stop, ping, … carry nothing we need
      const e = event.data;
      switch (e.type) {
        case 'message_start':
          messageId = e.message.id;
          if (currentCall) finishedCalls = sumUsage([finishedCalls, currentCall]);
          currentCall = { ...(e.message.usage ? decodeUpstreamUsage(e.message.usage) : noUsage), outputTokens: 0 };
          yield { type: 'usage', usage: sumUsage([finishedCalls, currentCall]) };
          break;
        case 'content_block_start': {
          if (open) yield* endBlock(open);
          const block = e.content_block;
          const id = block.type === 'tool_use' ? (block.id ?? `${messageId}:${e.index}`) : `${messageId}:${e.index}`;
          const tool = block.type === 'tool_use' ? clientToolName(block.name) : undefined;
          const kind = block.type === 'text' && !structuredOutput ? 'text' : block.type === 'thinking' ? 'reasoning' : tool !== undefined ? 'tool' : 'hidden';
          open = { kind, id, text: '', signature: undefined };
          if (kind === 'text') yield { type: 'text-start', id };
          if (kind === 'reasoning') yield { type: 'reasoning-start', id };
          if (kind === 'tool') {
            calledClientTools = true;
            yield { type: 'tool-call-start', id, name: tool! };
          }
          break;
        }
        case 'content_block_delta': {
          const { delta } = e;
          if (open?.kind === 'text' && delta.type === 'text_delta' && delta.text) {
            open.text += delta.text;
            yield { type: 'text-delta', id: open.id, text: delta.text };
          } else if (open?.kind === 'reasoning' && delta.type === 'thinking_delta' && delta.thinking) {
            yield { type: 'reasoning-delta', id: open.id, text: delta.thinking };
          } else if (open?.kind === 'reasoning' && delta.type === 'signature_delta' && delta.signature) {
            open.signature = delta.signature;
          } else if (open?.kind === 'tool' && delta.type === 'input_json_delta' && delta.partial_json) {
            yield { type: 'tool-call-delta', id: open.id, argumentsDelta: delta.partial_json };
          }
          break;
        }
        case 'content_block_stop':
          if (open) yield* endBlock(open);
          open = undefined;
          break;
        case 'message_delta':
          if (currentCall && e.usage) currentCall = { ...currentCall, outputTokens: e.usage.output_tokens };
          if (e.delta.stop_sequence) stopSequence = e.delta.stop_sequence;
          // At max_tokens the CLI would inject "Output token limit hit. Resume directly…" and call the model again (up
          // to 3 times, then fail): the response ends here instead, as the API itself would end it.
          if (e.delta.stop_reason !== 'max_tokens') break;
          if (open) yield* endBlock(open);
          yield { type: 'finish', reason: 'length', raw: 'max_tokens', usage: sumUsage([finishedCalls, currentCall ?? noUsage]), costUsd: undefined };
          return;
      }
    } else if (record.type === 'assistant') {
      const assistant = cliAssistantLineSchema.safeParse(record);
      if (!assistant.success) continue;
      if (assistant.data.error !== undefined) {
        assistantError = assistant.data.error; // synthetic message of a failed turn; the result line follows
        continue;
      }
      // A line of the message streaming now confirms a block already streamed (before or after its content_block_stop).
      if (assistant.data.message.id === messageId) continue;
      const decoded = decodeUnstreamedBlocks(assistant.data, open, structuredOutput);
      open = undefined;
      calledClientTools ||= decoded.some((event) => event.type === 'tool-call-start');
      yield* decoded;
    } else if (record.type === 'result') {
      const result = cliResultLineSchema.safeParse(record);
      if (!result.success) continue;
      if (open) yield* endBlock(open);
      if (result.data.is_error) throw mapResultError(result.data, assistantError);
      if (structuredOutput) yield* structuredAnswer(result.data, calledClientTools);
      const raw = result.data.stop_reason ?? undefined;
      yield {
        type: 'finish',
        reason: mapStopReason(raw),
        raw,
        stopSequence: raw === 'stop_sequence' ? stopSequence : undefined,
        usage: decodeResultUsage(result.data),
        costUsd: result.data.total_cost_usd,
      };
      return;
    }
  }
  throw new GatewayError('cli_failed', 'The Claude CLI stopped without reporting a result.');
}

function* endBlock(block: OpenBlock): Generator<ModelEvent> {
  const end = blockEnd(block);
  if (end) yield end;
}

function* structuredAnswer(result: CliResultLine, calledClientTools: boolean): Generator<ModelEvent> {
  if (result.structured_output !== undefined) {
    const id = 'structured_output';
    yield { type: 'text-start', id };
    yield { type: 'text-delta', id, text: JSON.stringify(result.structured_output) };
    yield { type: 'text-end', id };
  } else if (!calledClientTools) {
    // (a turn that stopped at client tool calls has no answer yet, and needs none)
    throw new GatewayError('invalid_model_output', 'The model answered in plain text instead of output matching the JSON schema.');
  }
}
