import type { ModelResult, ResultBlock } from '../../core/collect-result.js';
import type { Message, ResponseContentBlock } from '../../wire/anthropic-messages-response.js';
import { encodeUsage, mapStopReason } from './encode-usage.js';
import type { MessageContext } from './message-context.js';

/** A collected result → the Messages API's non-streaming response. */
export function encodeMessage(result: ModelResult, context: MessageContext): Message {
  return {
    id: context.id,
    type: 'message',
    role: 'assistant',
    model: context.model,
    content: result.content.flatMap((block) => encodeBlock(block, context)),
    stop_reason: mapStopReason(result.finish),
    stop_sequence: result.finish.stopSequence ?? null,
    usage: encodeUsage(result.usage),
  };
}

function encodeBlock(block: ResultBlock, context: MessageContext): ResponseContentBlock[] {
  switch (block.type) {
    case 'text':
      return block.text ? [{ type: 'text', text: block.text }] : [];
    case 'reasoning':
      return context.showThinking ? [{ type: 'thinking', thinking: block.text, signature: block.signature ?? '' }] : [];
    case 'tool-call':
      return [{ type: 'tool_use', id: block.id, name: block.name, input: parseInput(block.arguments) }];
  }
}

/** The model's arguments as an object; the CLI has already checked them against the tool's schema. */
export function parseInput(json: string): Record<string, unknown> {
  try {
    const input: unknown = JSON.parse(json || '{}');
    return typeof input === 'object' && input !== null && !Array.isArray(input) ? (input as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}
