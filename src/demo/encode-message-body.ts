import type { UpstreamBlock, UpstreamMessage } from './upstream-message.js';

/** The message as the non-streaming JSON body (the CLI asks for it after a broken stream, protocol §3.3). */
export function encodeMessageBody(message: UpstreamMessage): Record<string, unknown> {
  return {
    id: message.id,
    type: 'message',
    role: 'assistant',
    model: message.model,
    content: message.content.map(encodeBlock),
    stop_reason: message.stopReason,
    stop_sequence: message.stopSequence ?? null,
    usage: message.usage,
  };
}

function encodeBlock(block: UpstreamBlock): Record<string, unknown> {
  switch (block.type) {
    case 'text':
      return { type: 'text', text: block.chunks.join('') };
    case 'thinking':
      return { type: 'thinking', thinking: block.chunks.join(''), signature: block.signature };
    case 'tool_use':
      return block;
  }
}
