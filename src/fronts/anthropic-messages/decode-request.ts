import type { Conversation } from '../../core/conversation.js';
import { GatewayError } from '../../core/errors.js';
import type { ModelRequest, Thinking } from '../../core/model-request.js';
import { createImageLoader } from '../../media/create-image-loader.js';
import type { ImageFetcher } from '../../media/image-fetcher.js';
import type { ModelRouter } from '../../routing/create-model-router.js';
import { messagesRequestSchema, type MessagesRequest } from '../../wire/anthropic-messages.js';
import { parseClientBody } from '../../wire/parse-client-body.js';
import { ignoredFields } from '../ignored-fields.js';
import { decodeConversation } from './decode-messages.js';
import { decodeTools } from './decode-tools.js';

export interface DecodedMessagesRequest {
  request: ModelRequest;
  /** The model name as the client asked for it, echoed in responses. */
  model: string;
  stream: boolean;
  /** The request asked for thinking: the response carries the model's thinking blocks. */
  showThinking: boolean;
  /** Fields the client sent that the gateway does not apply (reported in `x-ignored-params`). */
  ignored: string[];
  /** Fetches the request's images into it; called once everything cheaper has been checked. */
  loadImages(signal: AbortSignal): Promise<void>;
}

/** Fields the gateway applies (or, for `metadata`, accepts as the API does: it changes nothing in the answer). */
const applied = new Set([
  'model', 'messages', 'system', 'max_tokens', 'stream', 'stop_sequences', 'tools', 'tool_choice', 'thinking',
  'output_config', 'metadata',
  // applied by backends that can (the routed one reports what it could not)
  'temperature', 'top_p', 'session_id',
]);

export interface DecodeContext {
  router: Pick<ModelRouter, 'check' | 'defaultModel'>;
  fetchImage: ImageFetcher;
  /** The session's conversation so far (`session_id`), put before the request's messages. */
  history?: Conversation | undefined;
}

/**
 * An Anthropic Messages body → the core request, or a 400 naming the field that cannot be honoured. Cheap checks come
 * first (model, tools, the conversation's shape); images are only noted, for `loadImages`.
 */
export function decodeMessagesRequest(body: unknown, { router, fetchImage, history }: DecodeContext): DecodedMessagesRequest {
  const parsed = parseClientBody(messagesRequestSchema, body);
  // The name the client asked for; the router decides what answers it (start-model-runs).
  const model = parsed.model;
  router.check(model);
  const { builtinTools, ignored: toolOptions, ...tools } = decodeTools(parsed);
  const images = createImageLoader(fetchImage);
  const { system, messages } = decodeConversation(parsed, images.load, { history });
  const format = parsed.output_config?.format;
  return {
    request: {
      model,
      system,
      messages,
      builtinTools,
      ...tools,
      responseFormat: format ? { type: 'json', schema: format.schema } : { type: 'text' },
      // A JSON answer is never cut short.
      stopSequences: format ? [] : (parsed.stop_sequences ?? []).filter((stop) => stop.length > 0),
      maxOutputTokens: parsed.max_tokens,
      reasoningEffort: parsed.output_config?.effort,
      thinking: decodeThinking(parsed),
      sampling: { temperature: parsed.temperature, topP: parsed.top_p },
    },
    model: parsed.model,
    stream: parsed.stream === true,
    showThinking: parsed.thinking !== undefined && parsed.thinking.type !== 'disabled',
    ignored: [...ignoredFields(parsed, applied, format && parsed.stop_sequences ? ['stop_sequences'] : []), ...toolOptions],
    loadImages: images.loadAll,
  };
}

/**
 * As the API has it: no thinking unless asked for; a budget must leave room for the answer; `adaptive` leaves it to
 * the model.
 */
function decodeThinking({ thinking, max_tokens }: MessagesRequest): Thinking | undefined {
  if (thinking === undefined || thinking.type === 'disabled') return { type: 'off' };
  if (thinking.type === 'adaptive') return undefined;
  if (thinking.budget_tokens >= max_tokens) {
    throw new GatewayError('invalid_request', 'thinking.budget_tokens must be less than max_tokens.', { param: 'thinking.budget_tokens' });
  }
  return { type: 'budget', tokens: thinking.budget_tokens };
}
