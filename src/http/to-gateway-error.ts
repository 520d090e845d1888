import { GatewayError, isGatewayError } from '../core/errors.js';

interface HttpErrorLike {
  type?: string;
  status?: number;
  message?: string;
}

/** Anything thrown in a request → a GatewayError; body-parser's own errors keep their meaning. */
export function toGatewayError(error: unknown): GatewayError {
  if (isGatewayError(error)) return error;
  const e = (typeof error === 'object' && error !== null ? error : {}) as HttpErrorLike;
  if (e.type === 'entity.parse.failed') {
    // The parser's own message quotes the body around the fault, which may be prompt text: it stays out of logs.
    return new GatewayError('invalid_request', 'The request body is not valid JSON.');
  }
  if (e.type === 'entity.too.large') {
    return new GatewayError('payload_too_large', 'The request body is larger than BODY_LIMIT allows.', { cause: error });
  }
  if (typeof e.status === 'number' && e.status >= 400 && e.status < 500) {
    return new GatewayError('invalid_request', e.message ?? 'Bad request.', { cause: error });
  }
  return new GatewayError('internal_error', 'The gateway failed unexpectedly; see its log.', { cause: error });
}

/**
 * What a request ended with. Once its signal is aborted (the client left, the shutdown deadline passed), that is
 * what happened, whatever failed because of it — but a bug thrown meanwhile stays a bug, so the log shows it.
 */
export function toRequestError(thrown: unknown, signal: AbortSignal | undefined): GatewayError {
  const consequence = isGatewayError(thrown) || (thrown instanceof Error && thrown.name === 'AbortError') || thrown === signal?.reason;
  return toGatewayError(signal?.aborted && consequence ? signal.reason : thrown);
}
