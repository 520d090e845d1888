import type { ModelResult } from './collect-result.js';
import type { ChatMessage, ContentPart } from './model-request.js';

/** A conversation kept between requests (a session, a stored response): its system prompt and messages. */
export interface Conversation {
  system: string | undefined;
  messages: ChatMessage[];
}

export const noHistory: Conversation = { system: undefined, messages: [] };

/** The model's answer as the assistant message a later request's history holds (its thinking is not replayed). */
export function answerMessage(result: ModelResult): ChatMessage {
  const content = result.content.flatMap((block): ContentPart[] => {
    if (block.type === 'text') return [{ type: 'text', text: block.text }];
    if (block.type === 'tool-call') return [{ type: 'tool-call', id: block.id, name: block.name, input: parseArguments(block.arguments) }];
    return [];
  });
  return { role: 'assistant', content: content.length > 0 ? content : [{ type: 'text', text: '' }] };
}

const parseArguments = (json: string): unknown => {
  try {
    return JSON.parse(json || '{}');
  } catch {
    return {}; // a call cut off mid-arguments (max tokens): nothing the client could have run
  }
};

/** Tool calls the conversation's assistant made that no later message answered yet: id → tool name. */
export function openToolCalls(messages: readonly ChatMessage[]): Map<string, string> {
  const open = new Map<string, string>();
  for (const message of messages) {
    for (const part of message.content) {
      if (part.type === 'tool-call') open.set(part.id, part.name);
      if (part.type === 'tool-result') open.delete(part.toolCallId);
    }
  }
  return open;
}

/**
 * The latest messages, at most `max`, starting at a user message that is not only tool results (a window that keeps
 * every tool call with its result).
 */
export function keepLatest(messages: readonly ChatMessage[], max: number): ChatMessage[] {
  if (messages.length <= max) return [...messages];
  for (let start = messages.length - max; start < messages.length; start++) {
    const message = messages[start]!;
    if (message.role === 'user' && message.content.some((part) => part.type !== 'tool-result')) return messages.slice(start);
  }
  return messages.slice(-1);
}
