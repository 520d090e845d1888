import { Router } from 'express';
import { z } from 'zod';
import { GatewayError } from '../../core/errors.js';
import { embeddingModelInfos } from '../../core/embedder.js';
import type { Front, FrontDeps } from '../../http/front.js';
import { parseClientBody } from '../../wire/parse-client-body.js';
import { clientErrors } from '../client-errors.js';
import { encodeModel } from './encode-model.js';

/** The Anthropic API's list parameters; OpenAI clients send none and get every model. */
const listQuerySchema = z.looseObject({
  limit: z.coerce.number().int().min(1).max(1000).optional(),
  after_id: z.string().min(1).optional(),
  before_id: z.string().min(1).optional(),
});

/**
 * GET /v1/models and /v1/models/{id}, for both protocols: one model object carries both the OpenAI fields and the
 * Anthropic SDK's, and the list pages as the Anthropic API does (`limit`, `after_id`, `before_id`; `has_more`,
 * `first_id`, `last_id`). Errors take the shape of the client that asked.
 */
export function createModelsFront({ router, embeddings }: Pick<FrontDeps, 'router' | 'embeddings'>): Front {
  const routes = Router();
  const listed = () => [...router.list(), ...embeddingModelInfos(embeddings)];
  routes.get('/', (req, res) => {
    const query = parseClientBody(listQuerySchema, req.query);
    const all = listed().map(encodeModel);
    const position = (id: string, param: string) => {
      const index = all.findIndex((model) => model.id === id);
      if (index < 0) throw new GatewayError('invalid_request', `No model has the id '${id}'.`, { param });
      return index;
    };
    let start = query.after_id === undefined ? 0 : position(query.after_id, 'after_id') + 1;
    let end = query.before_id === undefined ? all.length : position(query.before_id, 'before_id');
    if (query.limit !== undefined) {
      if (query.before_id !== undefined && query.after_id === undefined) start = Math.max(start, end - query.limit);
      else end = Math.min(end, start + query.limit);
    }
    const data = all.slice(start, Math.max(start, end));
    const hasMore = query.before_id !== undefined && query.after_id === undefined ? start > 0 : end < all.length;
    res.json({ object: 'list', data, has_more: hasMore, first_id: data[0]?.id ?? null, last_id: data.at(-1)?.id ?? null });
  });
  routes.get('/:id', (req, res) => {
    const info = listed().find((model) => model.id === req.params.id && model.embedding) ?? router.find(req.params.id);
    if (!info) throw new GatewayError('model_not_found', `The model '${req.params.id}' does not exist.`, { param: 'model' });
    res.json(encodeModel(info));
  });
  return { name: 'models', paths: ['/v1/models'], routes, encodeError: clientErrors };
}
