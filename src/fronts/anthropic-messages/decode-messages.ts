import { noHistory, openToolCalls, type Conversation } from '../../core/conversation.js';
import { GatewayError } from '../../core/errors.js';
import type { ChatMessage, ContentPart, DocumentPart, ImagePart, TextPart, ToolResultPart } from '../../core/model-request.js';
import type { ContentBlockParam, CountTokensRequest, MessageParam } from '../../wire/anthropic-messages.js';

export interface DecodedConversation {
  system: string | undefined;
  messages: ChatMessage[];
}

type LoadImage = (url: string, param: string) => ImagePart;

/** Claude Code's first system block: attribution for Anthropic's billing, not an instruction to the model. */
const billingLine = /^x-anthropic-billing-header:/;

/**
 * Anthropic `system` and `messages` → the core conversation. System text (the top-level field, and `system` messages
 * inside `messages`, as Claude Code sends them) forms the system prompt. `tool_use` and the `tool_result` answering it
 * are tied by id; a result for a call no assistant message made is refused, not guessed at. Thinking blocks in
 * history are dropped: their signatures belong to another run, which the CLI cannot replay. Images are noted with
 * `loadImage` and fetched later, once the whole request has been checked. `lenient` (counting tokens) lets a
 * conversation end with the assistant. A session's `history` comes first (its calls may be answered here); its system
 * prompt holds unless the request brings its own.
 */
export function decodeConversation(
  body: Pick<CountTokensRequest, 'system' | 'messages'>,
  loadImage: LoadImage,
  { lenient = false, history = noHistory }: { lenient?: boolean; history?: Conversation } = {},
): DecodedConversation {
  const system = systemTexts(body.system);
  const messages: ChatMessage[] = [...history.messages];
  const openCalls = openToolCalls(history.messages); // call id → tool name
  body.messages.forEach((message, index) => {
    const at = `messages[${index}]`;
    if (message.role === 'system') {
      system.push(textOnly(message.content, `${at}.content`));
      return;
    }
    const content = blocksOf(message).flatMap((block, j): ContentPart[] => {
      const param = `${at}.content[${j}]`;
      return message.role === 'user' ? userPart(block, param, openCalls, loadImage) : assistantPart(block, param, openCalls);
    });
    messages.push({ role: message.role, content });
  });
  const last = messages.at(-1);
  if (last?.role !== 'user' && !lenient) {
    throw new GatewayError('unsupported', 'The last message must be from the user: prefilling the assistant turn is not supported.', {
      param: `messages[${body.messages.length - 1}]`,
    });
  }
  return { system: system.length > 0 ? system.join('\n\n') : history.system, messages };
}

function systemTexts(system: CountTokensRequest['system']): string[] {
  if (system === undefined) return [];
  if (typeof system === 'string') return system ? [system] : [];
  return system.map((block) => block.text).filter((text) => text && !billingLine.test(text));
}

const blocksOf = (message: MessageParam): ContentBlockParam[] =>
  typeof message.content === 'string' ? [{ type: 'text', text: message.content }] : message.content;

function textOnly(content: MessageParam['content'], param: string): string {
  if (typeof content === 'string') return content;
  return content
    .map((block, i) => {
      if (block.type !== 'text') throw new GatewayError('invalid_request', 'A system message holds text only.', { param: `${param}[${i}]` });
      return block.text;
    })
    .join('\n');
}

function userPart(block: ContentBlockParam, param: string, openCalls: Map<string, string>, loadImage: LoadImage): ContentPart[] {
  switch (block.type) {
    case 'text':
    case 'image':
    case 'document':
      return [mediaPart(block, param, loadImage)];
    case 'tool_result': {
      const name = openCalls.get(block.tool_use_id);
      if (name === undefined) {
        throw new GatewayError('invalid_request', 'This tool_result answers a tool_use that no earlier assistant message made.', { param: `${param}.tool_use_id` });
      }
      openCalls.delete(block.tool_use_id);
      const content = typeof block.content === 'string' || block.content === undefined ? [{ type: 'text' as const, text: block.content ?? '' }] : block.content;
      const result: ToolResultPart = {
        type: 'tool-result',
        toolCallId: block.tool_use_id,
        name,
        content: content.map((inner, k) => mediaPart(inner, `${param}.content[${k}]`, loadImage)),
        isError: block.is_error === true,
      };
      return [result];
    }
    default:
      throw new GatewayError('invalid_request', `A user message cannot hold a ${block.type} block.`, { param });
  }
}

function assistantPart(block: ContentBlockParam, param: string, openCalls: Map<string, string>): ContentPart[] {
  switch (block.type) {
    case 'text':
      return [{ type: 'text', text: block.text }];
    case 'tool_use':
      openCalls.set(block.id, block.name);
      return [{ type: 'tool-call', id: block.id, name: block.name, input: block.input }];
    case 'thinking':
    case 'redacted_thinking':
      return []; // another run's signed thinking: the CLI cannot send it back, and the model does not need it
    default:
      throw new GatewayError('invalid_request', `An assistant message cannot hold a ${block.type} block.`, { param });
  }
}

type MediaBlock = Extract<ContentBlockParam, { type: 'text' | 'image' | 'document' }>;

function mediaPart(block: MediaBlock, param: string, loadImage: LoadImage): TextPart | ImagePart | DocumentPart {
  switch (block.type) {
    case 'text':
      return { type: 'text', text: block.text };
    case 'image':
      return loadImage(block.source.type === 'url' ? block.source.url : `data:${block.source.media_type};base64,${block.source.data}`, param);
    case 'document': {
      const { source } = block;
      return {
        type: 'document',
        source:
          source.type === 'base64'
            ? { type: 'base64', mediaType: 'application/pdf', data: source.data }
            : source.type === 'text'
              ? { type: 'text', text: source.data }
              : { type: 'url', url: source.url },
        title: block.title ?? undefined,
        context: block.context ?? undefined,
      };
    }
  }
}
