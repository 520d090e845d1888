import type { ErrorRequestHandler } from 'express';
import type { GatewayError } from '../core/errors.js';
import { toGatewayError } from './to-gateway-error.js';

/** The one place a thrown error becomes an HTTP error response, in the shape `encode` gives it. */
export function createErrorHandler(encode: (error: GatewayError) => unknown): ErrorRequestHandler {
  return (thrown, req, res, _next) => {
    const error = toGatewayError(thrown);
    res.locals.error = error;
    // Expected failures (upstream, limits, bad input) are in the access log by code; only bugs need the stack.
    if (error.code === 'internal_error') req.log?.error({ err: error.cause }, 'unexpected error');
    if (res.headersSent) return void res.end();
    if (error.retryAfterSeconds !== undefined) res.set('Retry-After', String(error.retryAfterSeconds));
    res.status(error.status).json(encode(error));
  };
}
