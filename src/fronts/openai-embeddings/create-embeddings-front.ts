import { Router } from 'express';
import { shorten } from '../../core/embedder.js';
import type { Front, FrontDeps } from '../../http/front.js';
import { openAiErrors } from '../openai-error.js';
import { decodeEmbeddingsRequest } from './decode-request.js';

/** Little-endian float32, as openai-node asks for by default and decodes. */
const base64Of = (vector: Float32Array) => Buffer.from(vector.buffer, vector.byteOffset, vector.byteLength).toString('base64');

/**
 * POST /v1/embeddings: checked and counted, then queued for its own slots (never the CLI's), embedded, every vector
 * L2-normalised (and cut to `dimensions`), answered as floats or base64 with the model the client named;
 * `x-gateway-route` names what answered.
 */
export function createEmbeddingsFront({ embeddings }: Pick<FrontDeps, 'embeddings'>): Front {
  const routes = Router();
  routes.post('/', async (req, res) => {
    const decoded = await decodeEmbeddingsRequest(req.body, embeddings, embeddings.tokenizer);
    res.locals.model = decoded.asked;
    res.set('x-gateway-route', `${embeddings.embedder.name}/${decoded.model}`);
    const signal = res.locals.signal;
    const release = await embeddings.gate.acquire(signal);
    let vectors: Float32Array[];
    try {
      vectors = await embeddings.embedder.embed(decoded.texts, { model: decoded.model, dimensions: decoded.dimensions, signal });
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
      model: decoded.asked,
      usage: { prompt_tokens: promptTokens, total_tokens: promptTokens },
    });
  });
  return { paths: ['/v1/embeddings'], routes, encodeError: openAiErrors };
}
