import express, { type Express } from 'express';
import helmet from 'helmet';
import { clientErrors } from '../fronts/client-errors.js';
import type { Registry } from 'prom-client';
import { countAuthFailures } from './count-auth-failures.js';
import { createErrorHandler } from './create-error-handler.js';
import { createMetricsRoutes } from './create-metrics-routes.js';
import { notFound } from './not-found.js';
import { requireApiKey } from './require-api-key.js';
import { requireLocalHost } from './require-local-host.js';

export interface MetricsAppDeps {
  registry: Registry;
  apiKeys: readonly string[];
  allowedHosts: readonly string[];
  authFailuresPerMinute: number;
  /** METRICS_PUBLIC: scrapes need no key. */
  public: boolean;
}

/**
 * METRICS_PORT's app: GET /metrics alone, with the main port's rules — the Host check without keys, the key unless
 * METRICS_PUBLIC — so a separate port for Prometheus is never a way around the key.
 */
export function createMetricsApp(deps: MetricsAppDeps): Express {
  const app = express();
  app.disable('x-powered-by');
  app.use(helmet());
  if (deps.apiKeys.length === 0) app.use(requireLocalHost(deps.allowedHosts));
  app.use(createMetricsRoutes(deps.registry, deps.public ? [] : [requireApiKey(deps.apiKeys, countAuthFailures(deps.authFailuresPerMinute))]).routes);
  app.use(notFound);
  app.use(createErrorHandler(clientErrors));
  return app;
}
