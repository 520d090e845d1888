import { noHistory, openToolCalls, type Conversation } from '../../core/conversation.js';
import { GatewayError } from '../../core/errors.js';
import type { ChatMessage, ContentPart, ImagePart, ToolCallPart, ToolResultPart } from '../../core/model-request.js';
import { parseToolArguments } from '../../wire/parse-tool-arguments.js';
import { base64ImagePartSchema, imageUrlPartSchema, type ChatMessageParam, type ContentPartParam } from '../../wire/openai-chat.js';

export interface DecodedMessages {
  system: string | undefined;
  messages: ChatMessage[];
}

/**
 * OpenAI messages → the core conversation. System and developer messages form the system prompt; an assistant's
 * tool calls become tool-call parts and the `tool` (or legacy `function`) messages answering them become tool-result
 * parts of one user turn, tied by id. A result for a call that was never made is refused, not guessed at. Images are
 * noted with `loadImage` and fetched later, once the whole request has been checked. A session's `history` comes
 * first (its calls may be answered here); its system prompt holds unless the messages bring their own.
 */
export function decodeMessages(
  params: readonly ChatMessageParam[],
  loadImage: (url: string, param: string) => ImagePart,
  history: Conversation = noHistory,
): DecodedMessages {
  const system: string[] = [];
  const messages: ChatMessage[] = [...history.messages];
  const openCalls = openToolCalls(history.messages); // call id → tool name, for calls not yet answered

  params.forEach((message, index) => {
    const at = `messages[${index}]`;
    switch (message.role) {
      case 'system':
      case 'developer':
        system.push(textOf(message.content, `${at}.content`));
        break;
      case 'user':
        messages.push({ role: 'user', content: userContent(message.content, `${at}.content`, loadImage) });
        break;
      case 'assistant': {
        const calls = decodeCalls(message, index);
        for (const call of calls) openCalls.set(call.id, call.name);
        const text = message.content ? textOf(message.content, `${at}.content`) : '';
        const content: ContentPart[] = [...(text || calls.length === 0 ? [{ type: 'text' as const, text }] : []), ...calls];
        messages.push({ role: 'assistant', content });
        break;
      }
      case 'tool':
      case 'function': {
        const id = message.role === 'tool' ? message.tool_call_id : legacyCallId(openCalls, message.name);
        const name = id === undefined ? undefined : openCalls.get(id);
        if (id === undefined || name === undefined) {
          throw new GatewayError('invalid_request', `${at} answers a tool call that no earlier assistant message made.`, {
            param: message.role === 'tool' ? `${at}.tool_call_id` : `${at}.name`,
          });
        }
        openCalls.delete(id);
        const text = message.content === null ? '' : textOf(message.content, `${at}.content`);
        const result: ToolResultPart = { type: 'tool-result', toolCallId: id, name, content: [{ type: 'text', text }], isError: false };
        const previous = messages.at(-1);
        if (previous?.role === 'user' && previous.content.every((part) => part.type === 'tool-result')) previous.content.push(result);
        else messages.push({ role: 'user', content: [result] });
        break;
      }
    }
  });
  if (messages.at(-1)?.role !== 'user') {
    throw new GatewayError('invalid_request', 'The last non-system message must be from the user or a tool.', { param: 'messages' });
  }
  return { system: system.length > 0 ? system.join('\n\n') : history.system, messages };
}

function decodeCalls(message: Extract<ChatMessageParam, { role: 'assistant' }>, index: number): ToolCallPart[] {
  const calls = (message.tool_calls ?? []).map((call, j) => ({ id: call.id, ...call.function, param: `messages[${index}].tool_calls[${j}].function.arguments` }));
  if (message.function_call) calls.push({ id: `function_call_${index}`, ...message.function_call, param: `messages[${index}].function_call.arguments` });
  return calls.map(({ id, name, arguments: json, param }) => ({ type: 'tool-call', id, name, input: parseToolArguments(json, param) }));
}

/** Legacy `function` messages carry no id: they answer the latest open call of that name. */
function legacyCallId(openCalls: Map<string, string>, name: string): string | undefined {
  return [...openCalls].reverse().find(([, called]) => called === name)?.[0];
}

/** A user message's parts: text, and images (OpenAI `image_url`, or Anthropic `image` blocks as Cursor sends them). */
function userContent(content: string | ContentPartParam[], param: string, loadImage: (url: string, param: string) => ImagePart): ContentPart[] {
  if (typeof content === 'string') return [{ type: 'text', text: content }];
  return content.map((part, index) => {
    const at = `${param}[${index}]`;
    const imageUrl = imageUrlPartSchema.safeParse(part);
    if (imageUrl.success) return loadImage(imageUrl.data.image_url.url, at);
    const base64 = base64ImagePartSchema.safeParse(part);
    if (base64.success) return loadImage(`data:${base64.data.source.media_type ?? 'image/png'};base64,${base64.data.source.data}`, at);
    return { type: 'text', text: textOf([part], param, index) };
  });
}

/** A string, or the text of text parts joined; any other part is refused by name rather than dropped. */
export function textOf(content: string | ContentPartParam[], param: string, offset = 0): string {
  if (typeof content === 'string') return content;
  return content
    .map((part, index) => {
      const text = part.type === 'text' ? part.text : part.type === 'refusal' ? part.refusal : undefined;
      if (typeof text === 'string') return text;
      throw new GatewayError('unsupported', `Content parts of type "${part.type}" are not supported here.`, { param: `${param}[${index + offset}]` });
    })
    .join('\n');
}
