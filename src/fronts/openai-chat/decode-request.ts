import type { Conversation } from '../../core/conversation.js';
import { GatewayError } from '../../core/errors.js';
import type { ModelRequest, ResponseFormat } from '../../core/model-request.js';
import { createImageLoader } from '../../media/create-image-loader.js';
import type { ImageFetcher } from '../../media/image-fetcher.js';
import type { ModelRouter } from '../../routing/create-model-router.js';
import { chatCompletionRequestSchema, type ChatCompletionRequest } from '../../wire/openai-chat.js';
import { parseClientBody } from '../../wire/parse-client-body.js';
import { ignoredFields } from '../ignored-fields.js';
import { decodeOpenAiEffort } from '../openai-effort.js';
import { decodeMessages } from './decode-messages.js';
import { decodeTools } from './decode-tools.js';

export interface DecodedChatRequest {
  request: ModelRequest;
  /** The model name as the client asked for it, echoed in responses. */
  model: string;
  stream: boolean;
  includeUsage: boolean;
  /** How many independent completions (n). */
  choices: number;
  legacyFunctions: boolean;
  /** The client asked for (true) or against (false) `reasoning_content`; undefined leaves it to the configuration. */
  includeReasoning: boolean | undefined;
  /** Fields the client sent that the gateway does not apply (reported in `x-ignored-params`). */
  ignored: string[];
  /** Fetches the request's images into it; called once everything cheaper has been checked. */
  loadImages(signal: AbortSignal): Promise<void>;
}

/** Fields the gateway applies; anything else present is accepted and reported as ignored. */
const applied = new Set([
  'model', 'messages', 'stream', 'stream_options', 'claude_tools', 'n', 'response_format',
  'tools', 'functions', 'tool_choice', 'function_call', 'parallel_tool_calls',
  'stop', 'max_tokens', 'max_completion_tokens', 'reasoning_effort', 'include_reasoning',
  // applied by backends that can (the routed one reports what it could not)
  'temperature', 'top_p', 'seed', 'logprobs', 'top_logprobs', 'session_id',
]);


export interface DecodeContext {
  router: Pick<ModelRouter, 'check' | 'defaultModel'>;
  fetchImage: ImageFetcher;
  /** The session's conversation so far (`session_id`), put before the request's messages. */
  history?: Conversation | undefined;
}

/**
 * An OpenAI chat body → the core request, or a 400 naming the field that cannot be honoured. Cheap checks come
 * first (model, tools, the conversation's shape); images are only noted, for `loadImages`.
 */
export function decodeChatRequest(body: unknown, { router, fetchImage, history }: DecodeContext): DecodedChatRequest {
  const parsed = parseClientBody(chatCompletionRequestSchema, body);
  // The name the client asked for; the router decides what answers it (start-model-runs).
  const model = parsed.model ?? router.defaultModel;
  router.check(model);
  const { legacyFunctions, ...tools } = decodeTools(parsed);
  const images = createImageLoader(fetchImage);
  const { system, messages } = decodeMessages(parsed.messages, images.load, history);
  return {
    request: {
      model,
      system,
      messages,
      builtinTools: parsed.claude_tools ? { names: parsed.claude_tools, param: 'claude_tools' } : undefined,
      ...tools,
      responseFormat: decodeResponseFormat(parsed.response_format),
      stopSequences: decodeStops(parsed),
      maxOutputTokens: parsed.max_completion_tokens ?? parsed.max_tokens ?? undefined,
      reasoningEffort: decodeOpenAiEffort(parsed.reasoning_effort),
      thinking: undefined,
      sampling: {
        temperature: parsed.temperature ?? undefined,
        topP: parsed.top_p ?? undefined,
        seed: parsed.seed ?? undefined,
        logprobs: parsed.logprobs ? (parsed.top_logprobs ?? 0) : undefined,
      },
    },
    includeReasoning: parsed.include_reasoning ?? undefined,
    model,
    stream: parsed.stream === true,
    includeUsage: parsed.stream_options?.include_usage === true,
    choices: parsed.n ?? 1,
    legacyFunctions,
    ignored: ignoredFields(parsed, applied, isJson(parsed) ? ['stop'] : []),
    loadImages: images.loadAll,
  };
}

function decodeResponseFormat(format: ChatCompletionRequest['response_format']): ResponseFormat {
  if (format?.type === 'json_schema') return { type: 'json', schema: format.json_schema.schema };
  if (format?.type === 'json_object') return { type: 'json', schema: { type: 'object' } };
  return { type: 'text' };
}

const isJson = (parsed: ChatCompletionRequest) => parsed.response_format?.type === 'json_schema' || parsed.response_format?.type === 'json_object';

/** Empty strings would stop every answer at once; a JSON answer is never cut (stop is then reported as ignored). */
function decodeStops(parsed: ChatCompletionRequest): string[] {
  if (isJson(parsed)) return [];
  const stops = typeof parsed.stop === 'string' ? [parsed.stop] : (parsed.stop ?? []);
  return stops.filter((stop) => stop.length > 0);
}
