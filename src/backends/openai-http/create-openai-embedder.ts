import { Agent, request as send } from 'undici';
import type { Embedder } from '../../core/embedder.js';
import { GatewayError, isGatewayError } from '../../core/errors.js';
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
      try {
        const body = JSON.stringify({ model, input: texts, encoding_format: 'float', ...(dimensions ? { dimensions } : {}) });
        const answer = await send(url, { method: 'POST', headers, body, dispatcher: agent, signal, headersTimeout: options.timeoutMs, bodyTimeout: options.timeoutMs });
        const text = await answer.body.text();
        if (answer.statusCode !== 200) throw mapHttpError(options.name, answer.statusCode, text, answer.headers['retry-after'] as string | undefined);
        return vectorsOf(JSON.parse(text) as EmbeddingsAnswer, texts.length, options.name);
      } catch (error) {
        if (isGatewayError(error)) throw error;
        if (signal.aborted) throw signal.reason;
        throw mapTransportError(options.name, error);
      }
    },
  };
}

/** The answer's vectors in input order; anything short of one numeric vector per input is the upstream's failure. */
function vectorsOf(answer: EmbeddingsAnswer, count: number, name: string): Float32Array[] {
  const vectors: Float32Array[] = [];
  for (const [position, item] of (answer.data ?? []).entries()) {
    const index = item.index ?? position;
    if (Array.isArray(item.embedding) && item.embedding.every((value) => typeof value === 'number')) vectors[index] = Float32Array.from(item.embedding);
  }
  if (vectors.length !== count || Array.from({ length: count }, (_, i) => vectors[i]).includes(undefined as never)) {
    throw new GatewayError('upstream_error', `Embeddings server '${name}' did not answer one vector per input.`, { detail: JSON.stringify(answer).slice(0, 500) });
  }
  return vectors;
}
