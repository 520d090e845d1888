import type { RequestHandler } from 'express';
import type { Backend } from '../core/backend.js';
import type { ModelRouter } from '../routing/create-model-router.js';

/**
 * GET /health: open, for probes. The CLI's status decides the code; each configured provider's reachability is
 * reported beside it, from a cached probe (a provider's outage does not make the gateway unhealthy).
 */
export function createHealthRoute(backend: Backend, cliSource: string, router: Pick<ModelRouter, 'providers'>): RequestHandler {
  return async (_req, res) => {
    const [cli, ...providers] = await Promise.all([backend.status(), ...[...router.providers.values()].map((provider) => provider.status())]);
    const names = [...router.providers.keys()];
    res.status(cli!.available ? 200 : 503).json({
      status: cli!.available ? 'ok' : 'unavailable',
      cli: { available: cli!.available, version: cli!.version ?? null, source: cliSource, problem: cli!.problem ?? null },
      ...(names.length > 0
        ? { providers: Object.fromEntries(names.map((name, i) => [name, { reachable: providers[i]!.available, problem: providers[i]!.problem ?? null }])) }
        : {}),
    });
  };
}
