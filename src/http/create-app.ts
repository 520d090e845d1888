import cors from 'cors';
import express, { type Express } from 'express';
import helmet from 'helmet';
import type { Logger } from 'pino';
import type { Backend } from '../core/backend.js';
import { GatewayError } from '../core/errors.js';
import type { ModelCatalog } from '../core/model-catalog.js';
import type { ImageFetcher } from '../media/image-fetcher.js';
import { encodeOpenAiError } from '../fronts/openai-chat/encode-error.js';
import { createChatRouter } from '../fronts/openai-chat/create-chat-router.js';
import { createModelsRouter } from '../fronts/models/create-models-router.js';
import { createErrorHandler } from './create-error-handler.js';
import { createRateLimiter } from './create-rate-limiter.js';
import { createRequestLogger } from './create-request-logger.js';
import { createStatusRouter } from './create-status-router.js';
import './locals.js';
import { attachRequestSignal } from './request-signal.js';
import { requireApiKey } from './require-api-key.js';

export interface AppDeps {
  backend: Backend;
  catalog: ModelCatalog;
  /** Loads the images requests refer to (data: and http(s): URLs). */
  fetchImage: ImageFetcher;
  /** Send the model's thinking as `reasoning_content` unless a request says otherwise. */
  includeReasoning: boolean;
  logger: Logger;
  apiKeys: readonly string[];
  rateLimitPerMinute: number;
  corsOrigins: readonly string[];
  bodyLimit: string;
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
  app.use('/v1', requireApiKey(deps.apiKeys), createRateLimiter(deps.rateLimitPerMinute, deps.apiKeys.length > 0), express.json({ limit: deps.bodyLimit }));
  app.use(status.authStatus);
  app.use(createModelsRouter(deps.catalog));
  app.use(createChatRouter({ backend: deps.backend, catalog: deps.catalog, fetchImage: deps.fetchImage, includeReasoning: deps.includeReasoning }));

  app.use((req, _res, next) => next(new GatewayError('not_found', `No route for ${req.method} ${req.path}.`)));
  app.use(createErrorHandler(encodeOpenAiError));
  return app;
}
