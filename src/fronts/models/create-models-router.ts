import { Router } from 'express';
import { GatewayError } from '../../core/errors.js';
import type { ModelCatalog } from '../../core/model-catalog.js';
import { encodeModel } from './encode-model.js';

/** GET /v1/models and /v1/models/{id}. */
export function createModelsRouter(catalog: ModelCatalog): Router {
  const router = Router();
  router.get('/v1/models', (_req, res) => {
    const data = catalog.list().map(encodeModel);
    res.json({ object: 'list', data, has_more: false, first_id: data[0]?.id ?? null, last_id: data.at(-1)?.id ?? null });
  });
  router.get('/v1/models/:id', (req, res) => {
    const info = catalog.find(req.params.id);
    if (!info) throw new GatewayError('model_not_found', `The model '${req.params.id}' does not exist.`, { param: 'model' });
    res.json(encodeModel(info));
  });
  return router;
}
