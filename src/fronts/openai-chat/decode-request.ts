import { GatewayError } from '../../core/errors.js';
import type { ModelCatalog } from '../../core/model-catalog.js';
import type { ChatMessage, ModelRequest, TextPart } from '../../core/model-request.js';
import { chatCompletionRequestSchema, type ChatMessageParam, type ContentPartParam } from '../../wire/openai-chat.js';
import { parseClientBody } from '../../wire/parse-client-body.js';

export interface DecodedChatRequest {
  request: ModelRequest;
  /** The model name as the client asked for it, echoed in responses. */
  model: string;
  stream: boolean;
  includeUsage: boolean;
  /** Fields the client sent that the gateway does not apply (reported in `x-ignored-params`). */
  ignored: string[];
}

/** Fields the gateway applies; anything else present is accepted and reported as ignored. */
const applied = new Set(['model', 'messages', 'stream', 'stream_options', 'claude_tools', 'n', 'response_format', 'tools', 'functions']);

/** An OpenAI chat body → the core request, or a 400 naming the field that cannot be honoured. */
export function decodeChatRequest(body: unknown, catalog: ModelCatalog): DecodedChatRequest {
  const parsed = parseClientBody(chatCompletionRequestSchema, body);
  if ((parsed.n ?? 1) > 1) throw unsupported('n', 'Only n=1 is supported.');
  if (parsed.tools?.length || parsed.functions?.length) {
    throw unsupported(parsed.tools?.length ? 'tools' : 'functions', 'Client-defined tools (function calling) are not supported yet.');
  }
  if (parsed.response_format && parsed.response_format.type !== 'text') {
    throw unsupported('response_format', `response_format ${parsed.response_format.type} is not supported yet.`);
  }

  const system: string[] = [];
  const messages: ChatMessage[] = [];
  parsed.messages.forEach((message, index) => {
    if (message.role === 'system' || message.role === 'developer') system.push(textOf(message.content, `messages[${index}].content`));
    else messages.push(decodeMessage(message, index));
  });
  if (messages.at(-1)?.role !== 'user') {
    throw new GatewayError('invalid_request', 'The last non-system message must have role "user".', { param: 'messages' });
  }

  const model = parsed.model ?? catalog.resolve(undefined);
  return {
    request: {
      model: catalog.resolve(parsed.model),
      system: system.length > 0 ? system.join('\n\n') : undefined,
      messages,
      builtinTools: parsed.claude_tools ?? undefined,
    },
    model,
    stream: parsed.stream === true,
    includeUsage: parsed.stream_options?.include_usage === true,
    ignored: Object.keys(parsed).filter((key) => !applied.has(key) && parsed[key] !== null && parsed[key] !== undefined),
  };
}

function decodeMessage(message: ChatMessageParam, index: number): ChatMessage {
  const param = `messages[${index}]`;
  switch (message.role) {
    case 'user':
      return { role: 'user', content: [textPart(textOf(message.content, `${param}.content`))] };
    case 'assistant':
      if (message.tool_calls?.length || message.function_call) {
        throw unsupported(`${param}.tool_calls`, 'Assistant tool calls in the history are not supported yet.');
      }
      return { role: 'assistant', content: [textPart(message.content ? textOf(message.content, `${param}.content`) : '')] };
    case 'tool':
    case 'function':
      throw unsupported(`${param}.role`, `Messages with role "${message.role}" are not supported yet.`);
    default:
      throw unsupported(`${param}.role`, `Messages with role "${message.role}" belong in the system prompt.`);
  }
}

/** A string, or the text of text parts joined; any other part is refused by name rather than dropped. */
function textOf(content: string | ContentPartParam[], param: string): string {
  if (typeof content === 'string') return content;
  return content
    .map((part, index) => {
      if ((part.type === 'text' || part.type === 'refusal') && typeof (part.text ?? part.refusal) === 'string') {
        return String(part.text ?? part.refusal);
      }
      throw unsupported(`${param}[${index}]`, `Content parts of type "${part.type}" are not supported yet.`);
    })
    .join('\n');
}

const textPart = (text: string): TextPart => ({ type: 'text', text });

function unsupported(param: string, message: string): GatewayError {
  return new GatewayError('unsupported', message, { param });
}
