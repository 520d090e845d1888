import cors from 'cors';
import express, { type Express } from 'express';
import helmet from 'helmet';
import type { Logger } from 'pino';
import type { Backend } from '../core/backend.js';
import { GatewayError } from '../core/errors.js';
import type { ModelCatalog } from '../core/model-catalog.js';
import type { ImageFetcher } from '../media/image-fetcher.js';
import { checkJsonDepth } from '../wire/check-json-depth.js';
import { checkJsonSize } from '../wire/check-json-size.js';
import { encodeOpenAiError } from '../fronts/openai-chat/encode-error.js';
import { createChatRouter } from '../fronts/openai-chat/create-chat-router.js';
import { createModelsRouter } from '../fronts/models/create-models-router.js';
import { createErrorHandler } from './create-error-handler.js';
import { boundRequestBody } from './bound-request-body.js';
import { countAuthFailures } from './count-auth-failures.js';
import { createRateLimiter } from './create-rate-limiter.js';
import { createRequestLogger } from './create-request-logger.js';
import { createStatusRouter } from './create-status-router.js';
import './locals.js';
import { attachRequestSignal } from './request-signal.js';
import { requireApiKey } from './require-api-key.js';
import { requireLocalHost } from './require-local-host.js';

export interface AppDeps {
  backend: Backend;
  catalog: ModelCatalog;
  /** Loads the images requests refer to (data: and http(s): URLs). */
  fetchImage: ImageFetcher;
  /** Send the model's thinking as `reasoning_content` unless a request says otherwise. */
  includeReasoning: boolean;
  logger: Logger;
  apiKeys: readonly string[];
  /** With no API keys: host names besides loopback ones that requests may be addressed to. */
  allowedHosts: readonly string[];
  /** Failed key checks per client address and minute before 429s; 0 disables. */
  authFailuresPerMinute: number;
  rateLimitPerMinute: number;
  corsOrigins: readonly string[];
  bodyLimit: string;
  /** How long a request's body may take to arrive. */
  bodyTimeoutMs: number;
  /** The most runs one request may ask for at once (`n`): each needs a CLI slot of its own. */
  maxChoices: number;
  /** Express's `trust proxy`: false, true, a hop count, or addresses/subnets. */
  trustProxy: boolean | number | string;
  /** Where the CLI was found, shown by /health. */
  cliSource: string;
  /** Aborted when shutdown starts: new requests are refused. */
  draining: AbortSignal;
  /** Aborted when the shutdown grace period ends: in-flight requests (and their CLIs) are stopped. */
  shutdownDeadline: AbortSignal;
}

/** The HTTP app, built from its dependencies alone (no module state), so tests drive it with supertest. */
export function createApp(deps: AppDeps): Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', deps.trustProxy);
  app.use(createRequestLogger(deps.logger));
  app.use(helmet());
  // Without keys, only requests addressed to this machine by name are served (DNS rebinding).
  if (deps.apiKeys.length === 0) app.use(requireLocalHost(deps.allowedHosts));
  if (deps.corsOrigins.length > 0) {
    app.use(
      cors({
        origin: deps.corsOrigins.includes('*') ? '*' : [...deps.corsOrigins],
        exposedHeaders: ['x-request-id', 'x-ignored-params', 'retry-after', 'ratelimit', 'ratelimit-policy'],
      }),
    );
  }
  app.use((_req, res, next) => {
    if (!deps.draining.aborted) return next();
    res.set('connection', 'close');
    next(new GatewayError('shutting_down', 'The gateway is shutting down; retry on another instance.', { retryAfterSeconds: 5 }));
  });
  app.use(attachRequestSignal(deps.shutdownDeadline));

  const status = createStatusRouter(deps.backend, deps.cliSource);
  app.use(status.health);
  const keyed = deps.apiKeys.length > 0;
  app.use(
    '/v1',
    requireApiKey(deps.apiKeys, countAuthFailures(deps.authFailuresPerMinute)),
    createRateLimiter(deps.rateLimitPerMinute, keyed),
    boundRequestBody(deps.bodyLimit, deps.bodyTimeoutMs, encodeOpenAiError),
    express.json({ limit: deps.bodyLimit, verify: (_req, _res, raw) => checkJsonSize(raw) }),
    (req, _res, next) => {
      checkJsonDepth(req.body);
      next();
    },
  );
  app.use(status.authStatus);
  app.use(createModelsRouter(deps.catalog));
  app.use(
    createChatRouter({
      backend: deps.backend,
      catalog: deps.catalog,
      fetchImage: deps.fetchImage,
      includeReasoning: deps.includeReasoning,
      maxChoices: deps.maxChoices,
    }),
  );

  app.use((req, _res, next) => next(new GatewayError('not_found', `No route for ${req.method} ${req.path}.`)));
  app.use(createErrorHandler(encodeOpenAiError));
  return app;
}
