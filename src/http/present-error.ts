import { GatewayError } from '../core/errors.js';

/**
 * The error as the client sees it. Where details were kept for the log (a CLI's stderr, a bug's stack), the message
 * says so and gives the request id to find them by.
 */
export function presentError(error: GatewayError, requestId: string): GatewayError {
  if (error.detail === undefined && error.code !== 'internal_error') return error;
  return new GatewayError(error.code, `${error.message} The gateway's log has the details under request id ${requestId}.`, {
    param: error.param,
    retryAfterSeconds: error.retryAfterSeconds,
  });
}
