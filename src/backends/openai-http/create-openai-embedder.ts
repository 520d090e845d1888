import { Agent, request as send } from 'undici';
import type { Embedder } from '../../core/embedder.js';
import { GatewayError } from '../../core/errors.js';
import { mapHttpError, mapTransportError } from './map-http-error.js';

export interface OpenAiEmbedderOptions {
  /** Names the upstream in messages and `x-gateway-route` (never its URL). */
  name: string;
  baseUrl: string;
  apiKey: string | undefined;
  /** The model named when a request names the default (or an alias of it). */
  model: string;
  timeoutMs: number;
}

interface EmbeddingsAnswer {
  data?: Array<{ index?: number; embedding?: unknown }>;
}

/**
 * An OpenAI-compatible embeddings server (OpenAI, Ollama, TEI, vLLM, LM Studio): POST {base}/embeddings with float
 * vectors, one keep-alive pool; the client's abort aborts the call; its errors map as for chat.
 */
export function createOpenAiEmbedder(options: OpenAiEmbedderOptions): Embedder {
  const agent = new Agent({ keepAliveTimeout: 30_000, connections: 16 });
  const url = `${options.baseUrl.replace(/\/+$/, '')}/embeddings`;
  const headers = { 'content-type': 'application/json', ...(options.apiKey ? { authorization: `Bearer ${options.apiKey}` } : {}) };
  return {
    name: options.name,
    models: [{ id: options.model, dimensions: undefined }],
    async embed(texts, { model, dimensions, signal }) {
      const body = JSON.stringify({ model, input: texts, encoding_format: 'float', ...(dimensions ? { dimensions } : {}) });
      let status: number;
      let text: string;
      let retryAfter: string | undefined;
      try {
        const answer = await send(url, { method: 'POST', headers, body, dispatcher: agent, signal, headersTimeout: options.timeoutMs, bodyTimeout: options.timeoutMs });
        [status, text, retryAfter] = [answer.statusCode, await answer.body.text(), answer.headers['retry-after'] as string | undefined];
      } catch (error) {
        if (signal.aborted) throw signal.reason;
        throw mapTransportError(options.name, error);
      }
      if (status !== 200) throw mapHttpError(options.name, status, text, retryAfter);
      return vectorsOf(text, texts.length, options.name);
    },
    close: () => agent.destroy(),
  };
}

/**
 * The answer's vectors in input order; anything short of one non-empty numeric vector per input, all of one size and
 * none all zeros, is the upstream's failure (a 502), never a 200 with vectors a client cannot use.
 */
function vectorsOf(text: string, count: number, name: string): Float32Array[] {
  const failed = () => new GatewayError('upstream_error', `Embeddings server '${name}' did not answer one vector per input.`, { detail: text.slice(0, 500) });
  let answer: EmbeddingsAnswer;
  try {
    answer = JSON.parse(text) as EmbeddingsAnswer;
  } catch {
    throw failed();
  }
  const vectors: Array<Float32Array | undefined> = Array.from({ length: count }, () => undefined);
  for (const [position, item] of (Array.isArray(answer?.data) ? answer.data : []).entries()) {
    const index = item?.index ?? position;
    const values = item?.embedding;
    if (Number.isInteger(index) && index >= 0 && index < count && Array.isArray(values) && values.every((value) => typeof value === 'number')) {
      vectors[index] = Float32Array.from(values);
    }
  }
  const size = vectors[0]?.length ?? 0;
  const usable = (vector: Float32Array | undefined): vector is Float32Array => vector !== undefined && vector.length === size && vector.some((value) => value !== 0);
  if (size === 0 || !vectors.every(usable)) throw failed();
  return vectors;
}
