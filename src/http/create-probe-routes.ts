import { Router } from 'express';
import type { Backend } from '../core/backend.js';
import type { Store } from '../core/store.js';
import { clientErrorSchema } from '../fronts/client-errors.js';
import type { ModelRouter } from '../routing/create-model-router.js';
import { healthSchema } from '../wire/gateway-status.js';
import { createHealthRoute } from './create-health-route.js';
import type { OpenRoutes } from './operation.js';

const probe = { tag: 'Gateway', open: true } as const;

/** HEAD / (Claude Code's reachability probe, at every start) and GET /health (for load balancers and orchestrators). */
export function createProbeRoutes(backend: Backend, cliSource: string, router: Pick<ModelRouter, 'providers'>, store: Store): OpenRoutes {
  const routes = Router();
  routes.head('/', (_req, res) => void res.status(200).end());
  routes.get('/health', createHealthRoute(backend, cliSource, router, store));
  return {
    routes,
    errorSchema: clientErrorSchema,
    operations: [
      { ...probe, method: 'head', path: '/', id: 'probe', summary: 'Check that the gateway answers', responses: { 200: { description: 'It does.' } } },
      {
        ...probe,
        method: 'get',
        path: '/health',
        id: 'getHealth',
        summary: 'Show the health of the CLI, the store and the providers',
        description: "The CLI's status decides the code; a provider's outage does not make the gateway unhealthy.",
        responses: { 200: { description: 'The CLI can run.', json: healthSchema }, 503: { description: 'The CLI cannot run.', json: healthSchema } },
      },
    ],
  };
}
