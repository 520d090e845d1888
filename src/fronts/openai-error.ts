import type { ErrorCode, GatewayError } from '../core/errors.js';
import type { EncodeError } from '../http/front.js';
import type { OpenAiError } from '../wire/openai-chat.js';

/**
 * OpenAI's error shape, shared by the OpenAI-style fronts (chat, responses, sessions): `error.type` for each gateway
 * error; `error.code` is the gateway's own code.
 */
const typeByCode: Readonly<Record<ErrorCode, string>> = {
  invalid_request: 'invalid_request_error',
  unsupported: 'invalid_request_error',
  context_length_exceeded: 'invalid_request_error',
  invalid_api_key: 'authentication_error',
  host_not_allowed: 'permission_error',
  not_found: 'invalid_request_error',
  model_not_found: 'invalid_request_error',
  request_timeout: 'invalid_request_error',
  conflict: 'invalid_request_error',
  payload_too_large: 'invalid_request_error',
  rate_limited: 'rate_limit_error',
  queue_full: 'rate_limit_error',
  queue_timeout: 'rate_limit_error',
  upstream_rate_limited: 'rate_limit_error',
  quota_exhausted: 'rate_limit_error',
  client_closed: 'invalid_request_error',
  internal_error: 'server_error',
  upstream_error: 'server_error',
  upstream_unauthorized: 'server_error',
  invalid_model_output: 'server_error',
  cli_failed: 'server_error',
  cli_not_installed: 'service_unavailable_error',
  cli_not_authenticated: 'service_unavailable_error',
  upstream_overloaded: 'service_unavailable_error',
  shutting_down: 'service_unavailable_error',
  store_unavailable: 'service_unavailable_error',
  timeout: 'timeout_error',
};

export function encodeOpenAiError(error: GatewayError): OpenAiError {
  return { error: { message: error.message, type: typeByCode[error.code], param: error.param ?? null, code: error.code } };
}

/** OpenAI's error shape, with the taxonomy's status. */
export const openAiErrors: EncodeError = (error) => ({ status: error.status, body: encodeOpenAiError(error) });
