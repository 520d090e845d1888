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
 * The latest messages, starting at a user message that is not only tool results (so every tool call keeps its
 * result): at most `max` of them. An agent's run of tool calls longer than that keeps the question that started it
 * and its latest steps (a step: an assistant message and the tool results that answer it), whole steps dropped from
 * the front — so the cap holds but for the question and the last step, which are always kept.
 */
export function keepLatest(messages: readonly ChatMessage[], max: number): ChatMessage[] {
  if (messages.length <= max) return [...messages];
  const within = messages.findIndex((message, index) => index >= messages.length - max && asks(message));
  if (within !== -1) return messages.slice(within);
  const question = messages.findLastIndex(asks);
  if (question === -1) return [...messages];
  let from = question + 1;
  while (messages.length - from + 1 > max) {
    const next = messages.findIndex((message, index) => index > from && message.role === 'assistant');
    if (next === -1) break;
    from = next;
  }
  return [messages[question]!, ...messages.slice(from)];
}

const asks = (message: ChatMessage) => message.role === 'user' && message.content.some((part) => part.type !== 'tool-result');
