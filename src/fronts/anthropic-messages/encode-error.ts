import type { ErrorCode, GatewayError } from '../../core/errors.js';
import type { EncodeError } from '../../http/front.js';
import type { AnthropicError } from '../../wire/anthropic-messages-response.js';

/** Anthropic's `error.type` for each gateway error (docs.claude.com/en/api/errors). */
const typeByCode: Readonly<Record<ErrorCode, string>> = {
  invalid_request: 'invalid_request_error',
  unsupported: 'invalid_request_error',
  context_length_exceeded: 'invalid_request_error',
  invalid_api_key: 'authentication_error',
  host_not_allowed: 'permission_error',
  not_found: 'not_found_error',
  model_not_found: 'not_found_error',
  request_timeout: 'invalid_request_error',
  conflict: 'invalid_request_error',
  payload_too_large: 'request_too_large',
  rate_limited: 'rate_limit_error',
  queue_full: 'rate_limit_error',
  queue_timeout: 'rate_limit_error',
  upstream_rate_limited: 'rate_limit_error',
  quota_exhausted: 'rate_limit_error',
  client_closed: 'invalid_request_error',
  internal_error: 'api_error',
  upstream_error: 'api_error',
  upstream_unauthorized: 'api_error',
  invalid_model_output: 'api_error',
  cli_failed: 'api_error',
  cli_not_installed: 'api_error',
  cli_not_authenticated: 'api_error',
  upstream_overloaded: 'overloaded_error',
  shutting_down: 'overloaded_error',
  store_unavailable: 'api_error',
  timeout: 'timeout_error',
};

/** The error body, as responses and the stream's `error` event carry it. The API has no `param`: the message names the field. */
export function encodeAnthropicError(error: GatewayError, requestId?: string): AnthropicError {
  const message = error.param && !error.message.includes(error.param) ? `${error.param}: ${error.message}` : error.message;
  return { type: 'error', error: { type: typeByCode[error.code], message }, ...(requestId ? { request_id: requestId } : {}) };
}

/**
 * Statuses as the API has them: an overloaded upstream is its 529 (which the SDKs and Claude Code retry with backoff).
 * A full queue stays a 429 with Retry-After: it is this gateway's limit, and clients honour the header.
 */
export const anthropicErrors: EncodeError = (error, req) => ({
  status: error.code === 'upstream_overloaded' ? 529 : error.status,
  body: encodeAnthropicError(error, String(req.id)),
});
