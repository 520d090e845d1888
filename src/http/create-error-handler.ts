import type { ErrorRequestHandler, Request, Response } from 'express';
import type { EncodeError } from './front.js';
import { presentError } from './present-error.js';
import { toRequestError } from './to-gateway-error.js';

/**
 * Sends an error response in the front's shape. When the request was aborted (the client left, the shutdown deadline
 * passed), the abort's reason is what happened, whatever failed because of it.
 */
export function sendError(req: Request, res: Response, thrown: unknown, encode: EncodeError): void {
  const error = toRequestError(thrown, res.locals.signal as AbortSignal | undefined);
  res.locals.error = error; // the access log reports it (create-request-logger)…
  // …unless its line is already written (the client left before this failed): a bug must not go unseen.
  if (res.closed && error.code === 'internal_error') req.log?.error({ err: error.cause }, 'unexpected error after the client left');
  if (res.headersSent || res.closed) return void res.end();
  if (error.retryAfterSeconds !== undefined) res.set('Retry-After', String(error.retryAfterSeconds));
  const { status, body } = encode(presentError(error, String(req.id)), req);
  res.status(status).json(body);
}

/** The one place a thrown error becomes an HTTP error response, in the shape `encode` gives it. */
export function createErrorHandler(encode: EncodeError): ErrorRequestHandler {
  return (thrown, req, res, _next) => sendError(req, res, thrown, encode);
}
