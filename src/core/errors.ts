/**
 * The gateway's error taxonomy. Each code has one HTTP status; fronts choose only the wire shape.
 * Backends translate their own failures into these at their edge.
 */
const statusByCode = {
  invalid_request: 400,
  unsupported: 400,
  context_length_exceeded: 400,
  invalid_api_key: 401,
  host_not_allowed: 403,
  not_found: 404,
  model_not_found: 404,
  request_timeout: 408,
  conflict: 409,
  payload_too_large: 413,
  rate_limited: 429,
  queue_full: 429,
  queue_timeout: 429,
  upstream_rate_limited: 429,
  quota_exhausted: 429,
  client_closed: 499,
  internal_error: 500,
  upstream_error: 502,
  upstream_unauthorized: 502,
  invalid_model_output: 502,
  cli_failed: 502,
  cli_not_installed: 503,
  cli_not_authenticated: 503,
  upstream_overloaded: 503,
  shutting_down: 503,
  store_unavailable: 503,
  timeout: 504,
} as const;

export type ErrorCode = keyof typeof statusByCode;

export const errorCodes = Object.keys(statusByCode) as ErrorCode[];

export interface GatewayErrorOptions {
  /** The request field at fault, as a path like `messages[2].content`. */
  param?: string | undefined;
  /** Seconds a client should wait before retrying (429/503). */
  retryAfterSeconds?: number | undefined;
  /** What the log may say but the client may not (stderr, paths, upstream addresses). */
  detail?: string | undefined;
  cause?: unknown;
}

export class GatewayError extends Error {
  readonly status: number;
  readonly param: string | undefined;
  readonly retryAfterSeconds: number | undefined;
  readonly detail: string | undefined;

  constructor(
    readonly code: ErrorCode,
    message: string,
    options: GatewayErrorOptions = {},
  ) {
    super(message, { cause: options.cause });
    this.name = 'GatewayError';
    this.status = statusByCode[code];
    this.param = options.param;
    this.retryAfterSeconds = options.retryAfterSeconds;
    this.detail = options.detail;
  }
}

export function isGatewayError(error: unknown): error is GatewayError {
  return error instanceof GatewayError;
}
