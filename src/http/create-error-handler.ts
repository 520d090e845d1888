import type { ErrorRequestHandler } from 'express';
import type { GatewayError } from '../core/errors.js';
import { toGatewayError } from './to-gateway-error.js';

/** The one place a thrown error becomes an HTTP error response, in the shape `encode` gives it. */
export function createErrorHandler(encode: (error: GatewayError) => unknown): ErrorRequestHandler {
  return (thrown, req, res, _next) => {
    const error = toGatewayError(thrown);
    if (error.status >= 500) req.log?.error({ err: error.cause ?? error, code: error.code }, error.message);
    if (res.headersSent) return void res.end();
    if (error.retryAfterSeconds !== undefined) res.set('Retry-After', String(error.retryAfterSeconds));
    res.status(error.status).json(encode(error));
  };
}
