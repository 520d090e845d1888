import type { Embedder, EmbeddingModels } from '../../core/embedder.js';
import { GatewayError } from '../../core/errors.js';
import { pace } from '../../core/pace.js';
import type { ModelRouter } from '../../routing/create-model-router.js';
import type { Tokenizer } from '../../tokens/create-tokenizer.js';
import { embeddingsRequestSchema } from '../../wire/openai-embeddings.js';
import { parseClientBody } from '../../wire/parse-client-body.js';

/** As OpenAI: inputs per request, and tokens per input. */
export const maxInputs = 2048;
export const maxInputTokens = 8192;
/** Above this many characters a token, a text is refused uncounted (English averages about four, CJK about one). */
const maxCharsPerToken = 8;

export interface DecodedEmbeddingsRequest {
  /** The name the client asked for (echoed in the response); undefined: the default. */
  asked: string | undefined;
  texts: string[];
  /** Each input's tokens (cl100k_base), for `usage`. */
  tokens: number[];
  dimensions: number | undefined;
  base64: boolean;
}

/** What answers a request: the embedder, the model it is asked for, and `x-gateway-route`'s name for it. */
export interface EmbeddingTarget {
  embedder: Embedder;
  model: string;
  route: string;
}

/**
 * The model a request names: a config file's provider model (`<provider>/<model>` or a `models` entry), else the
 * default embedder's — its default when the request names none, an alias's target, or a model it offers. The bundled
 * model answers its own names only; an upstream server knows its models better than the gateway does.
 */
export function resolveEmbeddingModel(
  { embedder, aliases }: EmbeddingModels,
  router: Pick<ModelRouter, 'embedding'>,
  asked: string | undefined,
): EmbeddingTarget {
  const routed = asked === undefined ? undefined : router.embedding(asked);
  if (routed) return routed;
  const [fallback] = embedder.models;
  const model = asked === undefined ? fallback!.id : (aliases.get(asked) ?? asked);
  if (embedder.name === 'local' && !embedder.models.some((known) => known.id === model)) {
    throw new GatewayError('model_not_found', `The model '${asked}' is not an embedding model here; use ${fallback!.id}.`, { param: 'model' });
  }
  return { embedder, model, route: `${embedder.name}/${model}` };
}

/** `dimensions` no larger than the model's own, where the gateway knows it. */
export function checkDimensions(target: EmbeddingTarget, dimensions: number | undefined): void {
  const native = target.embedder.models.find((known) => known.id === target.model)?.dimensions;
  if (dimensions !== undefined && native !== undefined && dimensions > native) {
    throw new GatewayError('invalid_request', `dimensions may be at most ${native} for ${target.model}.`, { param: 'dimensions' });
  }
}

/**
 * An embeddings body → texts, checked: token ids decoded with cl100k_base, at most 2048 inputs of 1–8192 tokens each
 * (a 400 naming the input otherwise).
 */
export async function decodeEmbeddingsRequest(body: unknown, tokenizer: Tokenizer): Promise<DecodedEmbeddingsRequest> {
  const parsed = parseClientBody(embeddingsRequestSchema, body);
  const single = typeof parsed.input === 'string' || isTokenList(parsed.input);
  const inputs = single ? [parsed.input as string | number[]] : (parsed.input as string[] | number[][]);
  if (inputs.length === 0) throw new GatewayError('invalid_request', 'input must hold at least one item.', { param: 'input' });
  if (inputs.length > maxInputs) throw new GatewayError('invalid_request', `At most ${maxInputs} inputs per request.`, { param: 'input' });
  const texts: string[] = [];
  const tokens: number[] = [];
  const tooLong = (param: string, count: string) =>
    new GatewayError('invalid_request', `An input may hold at most ${maxInputTokens} tokens; this one has ${count}.`, { param });
  const step = pace(); // counting is synchronous: every few milliseconds of it, the event loop serves the rest
  for (const [index, input] of inputs.entries()) {
    await step();
    const param = single ? 'input' : `input[${index}]`;
    if (input.length === 0) throw new GatewayError('invalid_request', 'An input may not be empty.', { param });
    // Far too long to be worth counting (or decoding): no text runs to that many characters a token.
    if (input.length > (typeof input === 'string' ? maxInputTokens * maxCharsPerToken : maxInputTokens)) throw tooLong(param, 'more');
    const text = typeof input === 'string' ? input : await decodeTokens(input, tokenizer, param);
    const count = typeof input === 'string' ? await tokenizer.count(text) : input.length;
    if (count > maxInputTokens) throw tooLong(param, String(count));
    texts.push(text);
    tokens.push(count);
  }
  return { asked: parsed.model, texts, tokens, dimensions: parsed.dimensions, base64: parsed.encoding_format === 'base64' };
}

const isTokenList = (input: readonly unknown[]): input is number[] => input.length > 0 && input.every((item) => typeof item === 'number');

async function decodeTokens(tokens: readonly number[], tokenizer: Tokenizer, param: string): Promise<string> {
  try {
    return await tokenizer.decode(tokens);
  } catch {
    throw new GatewayError('invalid_request', 'These token ids are not all cl100k_base tokens.', { param });
  }
}
