import { Router } from 'express';
import { shorten } from '../../core/embedder.js';
import type { Front, FrontDeps } from '../../http/front.js';
import { openAiErrors } from '../openai-error.js';
import { checkDimensions, decodeEmbeddingsRequest, resolveEmbeddingModel } from './decode-request.js';

/** Little-endian float32, as openai-node asks for by default and decodes. */
const base64Of = (vector: Float32Array) => Buffer.from(vector.buffer, vector.byteOffset, vector.byteLength).toString('base64');

/**
 * POST /v1/embeddings: checked and counted, then queued for its own slots (never the CLI's), embedded, every vector
 * L2-normalised (and cut to `dimensions`), answered as floats or base64 with the model the client named;
 * `x-gateway-route` names what answered.
 */
export function createEmbeddingsFront({ embeddings, router }: Pick<FrontDeps, 'embeddings' | 'router'>): Front {
  const routes = Router();
  routes.post('/', async (req, res) => {
    const decoded = await decodeEmbeddingsRequest(req.body, embeddings.tokenizer);
    const target = resolveEmbeddingModel(embeddings, router, decoded.asked);
    checkDimensions(target, decoded.dimensions);
    res.locals.model = decoded.asked ?? target.model;
    res.locals.route = target.route;
    res.set('x-gateway-route', target.route);
    const signal = res.locals.signal;
    const release = await embeddings.gate.acquire(signal);
    let vectors: Float32Array[];
    try {
      vectors = await target.embedder.embed(decoded.texts, { model: target.model, dimensions: decoded.dimensions, signal });
    } finally {
      release();
    }
    const promptTokens = decoded.tokens.reduce((sum, count) => sum + count, 0);
    res.locals.usage = { inputTokens: promptTokens, outputTokens: 0, cacheReadTokens: 0, cacheCreationTokens: 0 };
    res.json({
      object: 'list',
      data: vectors.map((vector, index) => {
        const normalised = shorten(vector, Math.min(decoded.dimensions ?? vector.length, vector.length));
        return { object: 'embedding', index, embedding: decoded.base64 ? base64Of(normalised) : Array.from(normalised) };
      }),
      model: decoded.asked ?? target.model,
      usage: { prompt_tokens: promptTokens, total_tokens: promptTokens },
    });
  });
  return { paths: ['/v1/embeddings'], routes, encodeError: openAiErrors };
}
