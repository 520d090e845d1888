import type { Conversation } from '../../core/conversation.js';
import { GatewayError } from '../../core/errors.js';
import type { ModelRequest, ResponseFormat } from '../../core/model-request.js';
import { createImageLoader } from '../../media/create-image-loader.js';
import type { ImageFetcher } from '../../media/image-fetcher.js';
import type { ModelRouter } from '../../routing/create-model-router.js';
import { responsesRequestSchema, type ResponsesRequest } from '../../wire/openai-responses.js';
import { parseClientBody } from '../../wire/parse-client-body.js';
import { ignoredFields } from '../ignored-fields.js';
import { decodeOpenAiEffort } from '../openai-effort.js';
import { decodeInput } from './decode-input.js';
import { decodeTools, type ClientTool } from './decode-tools.js';

export interface DecodedResponsesRequest {
  request: ModelRequest;
  body: ResponsesRequest;
  model: string;
  stream: boolean;
  store: boolean;
  /** This request's input as items (a string input becomes one user message), for GET …/input_items. */
  inputItems: unknown[];
  /** The conversation to keep with the response: the previous one's, then this input (never the instructions). */
  conversation: Conversation;
  clientTools: Map<string, ClientTool>;
  /** Reasoning summary items are wanted in the output. */
  showReasoning: boolean;
  /** Reasoning items carry `encrypted_content` (include: reasoning.encrypted_content). */
  includeEncryptedReasoning: boolean;
  ignored: string[];
  loadImages(signal: AbortSignal): Promise<void>;
}

/** Fields the gateway applies; anything else present is accepted and reported as ignored. */
const applied = new Set([
  'model', 'input', 'instructions', 'tools', 'tool_choice', 'parallel_tool_calls', 'text', 'max_output_tokens',
  'reasoning', 'metadata', 'store', 'previous_response_id', 'stream', 'include',
  // applied by backends that can (the routed one reports what it could not)
  'temperature', 'top_p',
]);

export interface DecodeContext {
  router: Pick<ModelRouter, 'check' | 'defaultModel'>;
  fetchImage: ImageFetcher;
  /** The conversation of `previous_response_id`, already found. */
  previous: Conversation;
}

/** A Responses body → the core request, or a 400 naming the field that cannot be honoured. */
export function decodeResponsesRequest(parsed: ResponsesRequest, { router, fetchImage, previous }: DecodeContext): DecodedResponsesRequest {
  if (parsed.background) throw new GatewayError('unsupported', 'Background responses are not supported here; stream instead.', { param: 'background' });
  if (parsed.conversation !== undefined && parsed.conversation !== null) {
    throw new GatewayError('unsupported', 'The Conversations API is not supported here: use previous_response_id, or a session.', { param: 'conversation' });
  }
  const model = parsed.model ?? router.defaultModel;
  router.check(model);
  const { clientTools, builtinTools, ignored: ignoredTools, ...tools } = decodeTools(parsed);
  const images = createImageLoader(fetchImage);
  const inputItems = typeof parsed.input === 'string' ? [{ type: 'message', role: 'user', content: [{ type: 'input_text', text: parsed.input }] }] : (parsed.input ?? []);
  if (inputItems.length === 0) throw new GatewayError('invalid_request', 'input must hold at least one item.', { param: 'input' });
  const conversation = decodeInput(inputItems, images.load, previous);
  const system = [parsed.instructions, conversation.system].filter((text) => text).join('\n\n') || undefined;
  const summary = parsed.reasoning?.summary ?? parsed.reasoning?.generate_summary;
  return {
    request: {
      model,
      system,
      messages: conversation.messages,
      builtinTools,
      ...tools,
      responseFormat: decodeFormat(parsed.text?.format),
      stopSequences: [],
      maxOutputTokens: parsed.max_output_tokens ?? undefined,
      reasoningEffort: decodeOpenAiEffort(parsed.reasoning?.effort),
      thinking: undefined,
      sampling: { temperature: parsed.temperature ?? undefined, topP: parsed.top_p ?? undefined },
    },
    body: parsed,
    model,
    stream: parsed.stream === true,
    store: parsed.store ?? true,
    inputItems,
    conversation,
    clientTools,
    showReasoning: summary !== undefined && summary !== null,
    includeEncryptedReasoning: parsed.include?.includes('reasoning.encrypted_content') ?? false,
    ignored: [...ignoredFields(parsed, applied), ...ignoredTools],
    loadImages: images.loadAll,
  };
}

export const parseResponsesRequest = (body: unknown) => parseClientBody(responsesRequestSchema, body);

function decodeFormat(format: NonNullable<ResponsesRequest['text']>['format']): ResponseFormat {
  if (format?.type === 'json_schema') return { type: 'json', schema: format.schema };
  if (format?.type === 'json_object') return { type: 'json', schema: { type: 'object' } };
  return { type: 'text' };
}
