import type { UpstreamBlock, UpstreamMessage, UpstreamUsage } from './upstream-message.js';

/**
 * The Messages API's stream events as the upstream sends them to the CLI. Not the gateway's own encoder
 * (fronts/anthropic-messages/encode-stream), which speaks for the gateway to its clients: this one says what the
 * API says, stop reasons included, and its `message_delta` carries the output count alone, as the API's did when
 * the CLI's fixtures were recorded.
 */
export type UpstreamEvent =
  | { type: 'message_start'; message: Record<string, unknown> & { usage: UpstreamUsage } }
  | { type: 'content_block_start'; index: number; content_block: Record<string, unknown> & { type: UpstreamBlock['type'] } }
  | { type: 'content_block_delta'; index: number; delta: UpstreamDelta }
  | { type: 'content_block_stop'; index: number }
  | { type: 'message_delta'; delta: { stop_reason: string; stop_sequence: string | null }; usage: { output_tokens: number } }
  | { type: 'message_stop' };

export type UpstreamDelta =
  | { type: 'text_delta'; text: string }
  | { type: 'thinking_delta'; thinking: string }
  | { type: 'signature_delta'; signature: string }
  | { type: 'input_json_delta'; partial_json: string };

/** The message as one event after another: a consumer may pace them, or stop part way (a stalled stream). */
export function* encodeMessageEvents(message: UpstreamMessage): Generator<UpstreamEvent> {
  const { id, model, usage } = message;
  yield { type: 'message_start', message: { id, type: 'message', role: 'assistant', model, content: [], stop_reason: null, stop_sequence: null, usage: { ...usage, output_tokens: 1 } } };
  for (const [index, block] of message.content.entries()) {
    yield { type: 'content_block_start', index, content_block: startOf(block) };
    for (const delta of deltasOf(block)) yield { type: 'content_block_delta', index, delta };
    yield { type: 'content_block_stop', index };
  }
  yield { type: 'message_delta', delta: { stop_reason: message.stopReason, stop_sequence: message.stopSequence ?? null }, usage: { output_tokens: usage.output_tokens } };
  yield { type: 'message_stop' };
}

function startOf(block: UpstreamBlock): Extract<UpstreamEvent, { type: 'content_block_start' }>['content_block'] {
  switch (block.type) {
    case 'text':
      return { type: 'text', text: '' };
    case 'thinking':
      return { type: 'thinking', thinking: '', signature: '' };
    case 'tool_use':
      return { type: 'tool_use', id: block.id, name: block.name, input: {} };
  }
}

function deltasOf(block: UpstreamBlock): UpstreamDelta[] {
  switch (block.type) {
    case 'text':
      return block.chunks.map((text) => ({ type: 'text_delta', text }));
    case 'thinking':
      return [...block.chunks.map((thinking) => ({ type: 'thinking_delta' as const, thinking })), { type: 'signature_delta', signature: block.signature }];
    case 'tool_use': {
      // Like the API: the arguments in fragments (here two), or one empty fragment for a call without arguments.
      const json = Object.keys(block.input).length === 0 ? '' : JSON.stringify(block.input);
      const cut = Math.ceil(json.length / 2);
      return (json ? [json.slice(0, cut), json.slice(cut)] : ['']).map((partial_json) => ({ type: 'input_json_delta', partial_json }));
    }
  }
}
