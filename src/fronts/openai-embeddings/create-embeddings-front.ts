import { once } from 'node:events';
import { Router, type Response } from 'express';
import { shorten } from '../../core/embedder.js';
import { pace } from '../../core/pace.js';
import type { Front, FrontDeps } from '../../http/front.js';
import type { Operation } from '../../http/operation.js';
import { ownerOf } from '../../http/owner.js';
import { openAiErrorSchema } from '../../wire/openai-chat.js';
import { embeddingListSchema, embeddingsRequestSchema, type Embedding, type EmbeddingList } from '../../wire/openai-embeddings.js';
import { openAiErrors } from '../openai-error.js';
import { checkDimensions, decodeEmbeddingsRequest, resolveEmbeddingModel } from './decode-request.js';

const operations: Operation[] = [
  {
    method: 'post',
    path: '/v1/embeddings',
    id: 'createEmbeddings',
    tag: 'Embeddings',
    summary: 'Embed texts',
    description: "Sentence vectors from the bundled model, or from the configured OpenAI-compatible server (EMBEDDINGS_BASE_URL); OpenAI's model names map to the default.",
    body: embeddingsRequestSchema,
    example: { model: 'text-embedding-3-small', input: ['Hello.', 'Bonjour.'] },
    responses: { 200: { description: 'One L2-normalised vector per input, in order.', json: embeddingListSchema } },
  },
];

/** Little-endian float32, as openai-node asks for by default and decodes. */
const base64Of = (vector: Float32Array) => Buffer.from(vector.buffer, vector.byteOffset, vector.byteLength).toString('base64');

/**
 * `{"object": "list", "data": [...], ...rest}` written an item at a time, each encoded only when its turn comes: a
 * large float answer (2,048 vectors: ~20 MB of JSON) never holds the event loop for long, and back-pressure holds.
 */
async function writeList(res: Response, items: ReadonlyArray<() => Embedding>, rest: Omit<EmbeddingList, 'object' | 'data'>): Promise<void> {
  const step = pace();
  res.status(200).type('application/json');
  let chunk = '{"object":"list","data":[';
  for (const [index, item] of items.entries()) {
    chunk += (index > 0 ? ',' : '') + JSON.stringify(item());
    if (chunk.length > 64 * 1024 || index === items.length - 1) {
      if (!res.write(chunk)) await once(res, 'drain', { signal: res.locals.signal });
      chunk = '';
    }
    await step();
  }
  res.end(`${chunk}],${JSON.stringify(rest).slice(1)}`);
}

/**
 * POST /v1/embeddings: checked and counted, then queued for its own slots (never the CLI's), embedded, every vector
 * L2-normalised (and cut to `dimensions`), answered as floats or base64 with the model the client named;
 * `x-gateway-route` names what answered.
 */
export function createEmbeddingsFront({ embeddings, router, usage }: Pick<FrontDeps, 'embeddings' | 'router' | 'usage'>): Front {
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
    // The bundled model runs in this process and costs nothing; what a server charges, the gateway does not know.
    const costUsd = target.embedder.name === 'local' ? 0 : undefined;
    await usage.record(ownerOf(res), { model: target.route, usage: res.locals.usage, costUsd, requests: 1, unpriced: costUsd === undefined ? 1 : 0 });
    const items = vectors.map((vector, index) => () => {
      const normalised = shorten(vector, Math.min(decoded.dimensions ?? vector.length, vector.length));
      return { object: 'embedding' as const, index, embedding: decoded.base64 ? base64Of(normalised) : Array.from(normalised) };
    });
    await writeList(res, items, { model: decoded.asked ?? target.model, usage: { prompt_tokens: promptTokens, total_tokens: promptTokens } });
  });
  return { name: 'openai-embeddings', paths: ['/v1/embeddings'], routes, encodeError: openAiErrors, errorSchema: openAiErrorSchema, operations };
}
