import { openToolCalls, type Conversation } from '../../core/conversation.js';
import { GatewayError } from '../../core/errors.js';
import type { ChatMessage, ContentPart, DocumentPart, ImagePart, TextPart } from '../../core/model-request.js';
import {
  customToolCallItemSchema,
  functionCallItemSchema,
  messageItemSchema,
  toolOutputItemSchema,
  type InputPart,
} from '../../wire/openai-responses.js';
import { parseClientBody } from '../../wire/parse-client-body.js';
import { parseToolArguments } from '../../wire/parse-tool-arguments.js';
import { modelToolName } from './decode-tools.js';

type LoadImage = (url: string, param: string) => ImagePart;

/** Items a later turn may send back that the model has no use for (their content is already in the conversation). */
const skipped = new Set(['reasoning', 'web_search_call']);

/**
 * Input items → the conversation, after `history` (a previous response's). System and developer messages form the
 * system prompt; an assistant's function and custom tool calls join its message, and their outputs form one user turn
 * of tool results, tied by `call_id` (an output for a call never made is refused, not guessed at). Images are noted
 * with `loadImage` and fetched once the whole request has been checked.
 */
export function decodeInput(items: readonly unknown[], loadImage: LoadImage, history: Conversation): Conversation {
  const system: string[] = history.system === undefined ? [] : [history.system];
  const messages: ChatMessage[] = [...history.messages];
  const openCalls = openToolCalls(history.messages);
  const assistantTurn = (): ChatMessage => {
    const last = messages.at(-1);
    if (last?.role === 'assistant') return last;
    const turn: ChatMessage = { role: 'assistant', content: [] };
    messages.push(turn);
    return turn;
  };
  items.forEach((item, index) => {
    const at = ['input', index] as const;
    const param = `input[${index}]`;
    const type = (item as { type?: string }).type ?? 'message';
    switch (type) {
      case 'message': {
        const message = parseClientBody(messageItemSchema, item, at);
        if (message.role === 'system' || message.role === 'developer') system.push(textOf(message.content, `${param}.content`));
        else if (message.role === 'assistant') assistantTurn().content.push({ type: 'text', text: textOf(message.content, `${param}.content`) });
        else messages.push({ role: 'user', content: userContent(message.content, `${param}.content`, loadImage) });
        return;
      }
      case 'function_call':
      case 'custom_tool_call': {
        const call =
          type === 'function_call'
            ? parseClientBody(functionCallItemSchema, item, at)
            : { ...parseClientBody(customToolCallItemSchema, item, at), arguments: undefined };
        const name = modelToolName(call.name, call.namespace);
        const input = call.arguments === undefined ? { input: (call as { input: string }).input } : parseToolArguments(call.arguments, `${param}.arguments`);
        openCalls.set(call.call_id, name);
        assistantTurn().content.push({ type: 'tool-call', id: call.call_id, name, input });
        return;
      }
      case 'function_call_output':
      case 'custom_tool_call_output': {
        const result = parseClientBody(toolOutputItemSchema, item, at);
        const name = openCalls.get(result.call_id);
        if (name === undefined) {
          throw new GatewayError('invalid_request', `${param} answers a tool call that no earlier item made.`, { param: `${param}.call_id` });
        }
        openCalls.delete(result.call_id);
        const content = typeof result.output === 'string' ? [{ type: 'text' as const, text: result.output }] : outputParts(result.output, `${param}.output`, loadImage);
        const part: ContentPart = { type: 'tool-result', toolCallId: result.call_id, name, content, isError: false };
        const last = messages.at(-1);
        if (last?.role === 'user' && last.content.every((existing) => existing.type === 'tool-result')) last.content.push(part);
        else messages.push({ role: 'user', content: [part] });
        return;
      }
      default:
        if (skipped.has(type)) return;
        throw new GatewayError('unsupported', `Input items of type "${type}" are not supported here.`, { param: `${param}.type` });
    }
  });
  if (messages.at(-1)?.role !== 'user') {
    throw new GatewayError('invalid_request', 'The input must end with a user message or a tool call output.', { param: 'input' });
  }
  return { system: system.length > 0 ? system.join('\n\n') : undefined, messages };
}

/** A message's text: a string, or its text parts joined; any other part is refused by name rather than dropped. */
function textOf(content: string | InputPart[], param: string): string {
  if (typeof content === 'string') return content;
  return content
    .map((part, index) => {
      const text = textIn(part);
      if (text === undefined) throw new GatewayError('unsupported', `Content parts of type "${part.type}" are not supported here.`, { param: `${param}[${index}]` });
      return text;
    })
    .join('\n');
}

function textIn(part: InputPart): string | undefined {
  const { type, text, refusal } = part as { type: string; text?: unknown; refusal?: unknown };
  if ((type === 'input_text' || type === 'output_text' || type === 'text') && typeof text === 'string') return text;
  if (type === 'refusal' && typeof refusal === 'string') return refusal;
  return undefined;
}

function userContent(content: string | InputPart[], param: string, loadImage: LoadImage): ContentPart[] {
  if (typeof content === 'string') return [{ type: 'text', text: content }];
  return outputParts(content, param, loadImage);
}

/** Text, images (`input_image` by URL) and PDFs (`input_file` with `file_data`); files by id need a Files API. */
function outputParts(parts: InputPart[], param: string, loadImage: LoadImage): Array<TextPart | ImagePart | DocumentPart> {
  return parts.map((part, index) => {
    const at = `${param}[${index}]`;
    const text = textIn(part);
    if (text !== undefined) return { type: 'text', text };
    const { image_url: imageUrl, file_data: fileData, filename } = part as { image_url?: unknown; file_data?: unknown; filename?: unknown };
    if (part.type === 'input_image' && typeof imageUrl === 'string') return loadImage(imageUrl, at);
    if (part.type === 'input_file' && typeof fileData === 'string') {
      const data = fileData.replace(/^data:application\/pdf;base64,/, '');
      if (data.startsWith('data:')) throw new GatewayError('unsupported', 'Only PDF files can be sent as file_data.', { param: `${at}.file_data` });
      return { type: 'document', source: { type: 'base64', mediaType: 'application/pdf', data }, title: typeof filename === 'string' ? filename : undefined, context: undefined };
    }
    const why = part.type === 'input_image' || part.type === 'input_file' ? 'by file_id (there is no Files API here); send the data itself' : `of type "${part.type}"`;
    throw new GatewayError('unsupported', `Content parts ${why} are not supported here.`, { param: at });
  });
}
