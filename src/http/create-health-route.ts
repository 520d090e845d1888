import type { RequestHandler } from 'express';
import type { Backend } from '../core/backend.js';
import type { Store } from '../core/store.js';
import type { ModelRouter } from '../routing/create-model-router.js';
import type { Health } from '../wire/gateway-status.js';

/**
 * GET /health: open, for probes. The CLI's status decides the code; each configured provider's reachability is
 * reported beside it, from a cached probe (a provider's outage does not make the gateway unhealthy), and so is the
 * store's: without Redis, sessions and stored responses fail but everything else serves (`degraded`).
 */
export function createHealthRoute(backend: Backend, cliSource: string, router: Pick<ModelRouter, 'providers'>, store: Store): RequestHandler {
  return async (_req, res) => {
    const [stored, cli, ...providers] = await Promise.all([
      store.status(),
      backend.status(),
      ...[...router.providers.values()].map((provider) => provider.status()),
    ]);
    const names = [...router.providers.keys()];
    res.status(cli!.available ? 200 : 503).json({
      status: cli!.available ? (stored.available ? 'ok' : 'degraded') : 'unavailable',
      cli: { available: cli!.available, version: cli!.version ?? null, source: cliSource, problem: cli!.problem ?? null },
      store: { kind: store.kind, available: stored.available, problem: stored.problem ?? null },
      ...(names.length > 0
        ? { providers: Object.fromEntries(names.map((name, i) => [name, { reachable: providers[i]!.available, problem: providers[i]!.problem ?? null }])) }
        : {}),
    } satisfies Health);
  };
}
