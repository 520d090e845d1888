import express, { type Express } from 'express';
import type { Store as RateLimitStore } from 'express-rate-limit';
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
  /** Where failed key checks are counted: the main port's store (Redis with replicas), so this port adds no budget. */
  authFailureStore?: RateLimitStore | undefined;
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
  app.use(createMetricsRoutes(deps.registry, deps.public ? [] : [requireApiKey(deps.apiKeys, countAuthFailures(deps.authFailuresPerMinute, deps.authFailureStore))]).routes);
  app.use(notFound);
  app.use(createErrorHandler(clientErrors));
  return app;
}
