import { Router } from 'express';
import { GatewayError } from '../../core/errors.js';
import { embeddingModelInfos } from '../../core/embedder.js';
import type { Front, FrontDeps } from '../../http/front.js';
import type { Operation } from '../../http/operation.js';
import { modelIdParamsSchema, modelListQuerySchema, modelListSchema, modelSchema, type ModelList } from '../../wire/models.js';
import { parseClientBody } from '../../wire/parse-client-body.js';
import { clientErrors, clientErrorSchema } from '../client-errors.js';
import { encodeModel } from './encode-model.js';

const shapes = "Errors take Anthropic's shape when the request carries `anthropic-version`, OpenAI's otherwise.";
const operations: Operation[] = [
  {
    method: 'get',
    path: '/v1/models',
    id: 'listModels',
    tag: 'Models',
    summary: 'List the models',
    description: `Chat models (CLI aliases, aliases, routed models), then embedding models; paged as the Anthropic API pages them. ${shapes}`,
    query: modelListQuerySchema,
    responses: { 200: { description: 'A page of models (all of them without `limit`).', json: modelListSchema } },
  },
  {
    method: 'get',
    path: '/v1/models/{id}',
    id: 'getModel',
    tag: 'Models',
    summary: 'Show one model',
    description: shapes,
    params: modelIdParamsSchema,
    responses: { 200: { description: 'The model.', json: modelSchema } },
  },
];

/**
 * GET /v1/models and /v1/models/{id}, for both protocols: one model object carries both the OpenAI fields and the
 * Anthropic SDK's, and the list pages as the Anthropic API does (`limit`, `after_id`, `before_id`; `has_more`,
 * `first_id`, `last_id`). Errors take the shape of the client that asked.
 */
export function createModelsFront({ router, embeddings }: Pick<FrontDeps, 'router' | 'embeddings'>): Front {
  const routes = Router();
  const listed = () => [...router.list(), ...embeddingModelInfos(embeddings)];
  routes.get('/', (req, res) => {
    const query = parseClientBody(modelListQuerySchema, req.query);
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
    res.json({ object: 'list', data, has_more: hasMore, first_id: data[0]?.id ?? null, last_id: data.at(-1)?.id ?? null } satisfies ModelList);
  });
  routes.get('/:id', (req, res) => {
    const info = listed().find((model) => model.id === req.params.id && model.embedding) ?? router.find(req.params.id);
    if (!info) throw new GatewayError('model_not_found', `The model '${req.params.id}' does not exist.`, { param: 'model' });
    res.json(encodeModel(info));
  });
  return { name: 'models', paths: ['/v1/models'], routes, encodeError: clientErrors, errorSchema: clientErrorSchema, operations };
}
