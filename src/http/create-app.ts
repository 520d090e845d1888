import cors from 'cors';
import express, { type Express, type RequestHandler } from 'express';
import type { Store as RateLimitStore } from 'express-rate-limit';
import helmet from 'helmet';
import type { Logger } from 'pino';
import { GatewayError } from '../core/errors.js';
import { createMessagesFront } from '../fronts/anthropic-messages/create-messages-front.js';
import { clientErrors } from '../fronts/client-errors.js';
import { createModelsFront } from '../fronts/models/create-models-front.js';
import { createChatFront } from '../fronts/openai-chat/create-chat-front.js';
import { createEmbeddingsFront } from '../fronts/openai-embeddings/create-embeddings-front.js';
import { createResponsesFront } from '../fronts/openai-responses/create-responses-front.js';
import { createSessionsFront } from '../fronts/sessions/create-sessions-front.js';
import { createStatusFront } from '../fronts/status/create-status-front.js';
import { createUsageFront } from '../fronts/usage/create-usage-front.js';
import { createViewsFront } from '../fronts/views/create-views-front.js';
import type { GatewayMetrics } from '../metrics/create-metrics.js';
import { meterRouter } from '../metrics/meter-router.js';
import { modelLabel } from '../metrics/model-label.js';
import { createDocsRoutes } from '../openapi/create-docs-routes.js';
import { checkJsonDepth } from '../wire/check-json-depth.js';
import { checkJsonSize } from '../wire/check-json-size.js';
import { boundRequestBody } from './bound-request-body.js';
import { countAuthFailures } from './count-auth-failures.js';
import { createErrorHandler } from './create-error-handler.js';
import { createRateLimiter } from './create-rate-limiter.js';
import { createRequestLogger } from './create-request-logger.js';
import { createMetricsRoutes } from './create-metrics-routes.js';
import { createProbeRoutes } from './create-probe-routes.js';
import type { Front, FrontDeps } from './front.js';
import { keyId } from './key-id.js';
import './locals.js';
import { measureRequests } from './measure-requests.js';
import { notFound } from './not-found.js';
import { attachRequestSignal } from './request-signal.js';
import { requireApiKey } from './require-api-key.js';
import { requireLocalHost } from './require-local-host.js';
import { quotaHeaderNames } from './set-quota-headers.js';

export interface AppDeps extends FrontDeps {
  logger: Logger;
  apiKeys: readonly string[];
  /** Keys that see every key's usage; each is a valid API key too, listed in `apiKeys` or not. */
  adminApiKeys: readonly string[];
  /** With no API keys: host names besides loopback ones that requests may be addressed to. */
  allowedHosts: readonly string[];
  /** Failed key checks per client address and minute before 429s; 0 disables. */
  authFailuresPerMinute: number;
  rateLimitPerMinute: number;
  /** Where the rate limit and the failed-key count are kept (Redis, shared by replicas), by key prefix; memory when undefined. */
  limitStore?: ((prefix: string) => RateLimitStore) | undefined;
  corsOrigins: readonly string[];
  bodyLimit: string;
  /** How long a request's body may take to arrive. */
  bodyTimeoutMs: number;
  /** Express's `trust proxy`: false, true, a hop count, or addresses/subnets. */
  trustProxy: boolean | number | string;
  /** Where the CLI was found, shown by /health. */
  cliSource: string;
  /** The registry and what the requests and runs are counted in. */
  metrics: GatewayMetrics;
  /** GET /metrics on this app (else on METRICS_PORT's own), and without the API key (METRICS_PUBLIC). */
  metricsRoute: { here: boolean; public: boolean };
  /** Aborted when shutdown starts: new requests are refused. */
  draining: AbortSignal;
  /** Aborted when the shutdown grace period ends: in-flight requests (and their CLIs) are stopped. */
  shutdownDeadline: AbortSignal;
}

/**
 * The HTTP app, built from its dependencies alone (no module state), so tests drive it with supertest. Each front
 * is mounted on its paths with the shared checks before it and its own error handler after, so every error under
 * its paths — a bad key, a limit, a body too large, an unknown sub-route — takes its protocol's shape. The open
 * routes (probes, docs; metrics, with its own key check) come after the host check; /openapi.json describes them all.
 */
export function createApp(appDeps: AppDeps): Express {
  const deps = {
    ...appDeps,
    apiKeys: [...new Set([...appDeps.apiKeys, ...appDeps.adminApiKeys])],
    router: meterRouter(appDeps.router, appDeps.metrics), // every front's runs are metered
  };
  const usage = createUsageFront({ usage: deps.usage, adminKeyIds: new Set(deps.adminApiKeys.map(keyId)) });
  const fronts: Front[] = [createChatFront(deps), createMessagesFront(deps), createModelsFront(deps), createStatusFront(deps.backend), createSessionsFront(deps.sessions), createResponsesFront(deps), createEmbeddingsFront(deps), usage, createViewsFront(deps.views)];
  const probes = createProbeRoutes(deps.backend, deps.cliSource, deps.router, deps.store);

  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', deps.trustProxy);
  app.use(createRequestLogger(deps.logger));
  app.use(measureRequests(deps.metrics, modelLabel(deps.router)));
  app.use(helmet());
  if (deps.corsOrigins.length > 0) {
    app.use(
      cors({
        origin: deps.corsOrigins.includes('*') ? '*' : [...deps.corsOrigins],
        exposedHeaders: ['x-request-id', 'request-id', 'x-ignored-params', 'x-gateway-route', 'retry-after', 'ratelimit', 'ratelimit-policy', ...quotaHeaderNames],
      }),
    );
  }
  app.use(attachRequestSignal(deps.shutdownDeadline));

  const admit: RequestHandler[] = [
    // Without keys, only requests addressed to this machine by name are served (DNS rebinding).
    ...(deps.apiKeys.length === 0 ? [requireLocalHost(deps.allowedHosts)] : []),
    (_req, res, next) => {
      if (!deps.draining.aborted) return next();
      res.set('connection', 'close');
      next(new GatewayError('shutting_down', 'The gateway is shutting down; retry on another instance.', { retryAfterSeconds: 5 }));
    },
  ];
  // Made once, so their counts hold across fronts.
  const checkKey = requireApiKey(deps.apiKeys, countAuthFailures(deps.authFailuresPerMinute, deps.limitStore?.('ccg:authfail:')));
  const checkClient = [checkKey, createRateLimiter(deps.rateLimitPerMinute, deps.limitStore?.('ccg:rate:'))];
  const metrics = deps.metricsRoute.here ? createMetricsRoutes(deps.metrics.registry, deps.metricsRoute.public ? [] : [checkKey]) : undefined;
  const docs = createDocsRoutes([...fronts, probes, ...(metrics ? [metrics] : [])]);
  const parseBody = (front: Front): RequestHandler[] => [
    boundRequestBody(deps.bodyLimit, deps.bodyTimeoutMs, front.encodeError),
    express.json({ limit: deps.bodyLimit, verify: (_req, _res, raw) => checkJsonSize(raw) }),
    (req, _res, next) => {
      checkJsonDepth(req.body);
      next();
    },
  ];

  for (const front of fronts) {
    const owned: RequestHandler = (req, res, next) => {
      res.locals.front = front.name;
      // The path as declared: req.baseUrl is the client's text (paths match case-insensitively), unbounded as a label.
      res.locals.mount = front.paths.find((path) => path.toLowerCase() === req.baseUrl.toLowerCase()) ?? front.paths[0];
      next();
    };
    app.use([...front.paths], owned, ...admit, ...checkClient, ...parseBody(front), front.routes, notFound, createErrorHandler(front.encodeError));
  }
  app.use('/v1', ...admit, ...checkClient, notFound); // unknown API paths too are for key holders only
  app.use(...admit, probes.routes, ...(metrics ? [metrics.routes] : []), docs.routes, notFound);
  app.use(createErrorHandler(clientErrors));
  return app;
}
