import { GatewayError } from '../../core/errors.js';
import type { CliResultLine } from '../../wire/claude-cli-stream.js';

const loginHelp =
  'Log the CLI in as the user the gateway runs as (run `claude` and follow /login, or `claude setup-token`), ' +
  'or give the gateway ANTHROPIC_API_KEY / CLAUDE_CODE_OAUTH_TOKEN. GET /v1/auth/status shows what the CLI would use.';

/**
 * A failed turn (`result.is_error`) → GatewayError. Upstream failures arrive as `subtype:"success"` with the HTTP
 * status in `api_error_status` (null for network errors) and a reason on the synthetic assistant line (§3.1).
 */
export function mapResultError(result: CliResultLine, assistantError: string | undefined): GatewayError {
  const status = result.api_error_status ?? undefined;
  const told = result.result || result.errors?.join('; ') || result.subtype;
  const said = withoutUpstreamAddress(told);

  // The CLI refuses a prompt over the model's context locally ("Prompt is too long", nothing sent upstream); the
  // API's own 400 says "prompt is too long: N tokens > M maximum". Either is the client's to fix, not to retry.
  if (/prompt is too long/i.test(told) && (status === undefined || status === 400 || status === 413)) {
    return new GatewayError('context_length_exceeded', `The conversation is too long for the model's context window: ${said}`, {
      param: 'messages',
    });
  }

  if (assistantError === 'authentication_failed' || status === 401 || status === 403) {
    const what = status === undefined ? 'The Claude CLI is not logged in' : `Anthropic rejected the Claude CLI's credentials (HTTP ${status})`;
    return new GatewayError('cli_not_authenticated', `${what}: "${said}". ${loginHelp}`);
  }
  if (status === 429 || assistantError === 'rate_limit') {
    return new GatewayError('upstream_rate_limited', `Anthropic rate-limited the request: ${said}`, { retryAfterSeconds: 30 });
  }
  if (status === 529 || assistantError === 'overloaded') {
    return new GatewayError('upstream_overloaded', `Anthropic is overloaded: ${said}`, { retryAfterSeconds: 10 });
  }
  if (status === 404) return new GatewayError('model_not_found', `The model is not available upstream: ${said}`, { param: 'model' });
  if (status === 413) return new GatewayError('payload_too_large', `Anthropic rejected the request as too large: ${said}`);
  if (status !== undefined && status >= 400 && status < 500) {
    return new GatewayError('invalid_request', `Anthropic rejected the request: ${said}`);
  }
  if (status === undefined && /timed out/i.test(said)) return new GatewayError('timeout', `The upstream request timed out: ${said}`);
  if (result.subtype === 'success') {
    return new GatewayError('upstream_error', `The upstream API failed: ${said}`, { detail: said === told ? undefined : told });
  }
  if (result.subtype === 'error_max_structured_output_retries') {
    return new GatewayError('invalid_model_output', `The model did not produce output valid against the JSON schema: ${said}`);
  }
  return new GatewayError('cli_failed', `The Claude CLI could not complete the turn (${result.subtype}): ${said}`);
}

/** The CLI's 5xx text ends "…check your inference gateway (host:port)": the upstream's address is not the client's. */
function withoutUpstreamAddress(text: string): string {
  return text.replace(/\s*If it persists, check your inference gateway \([^)]*\)\.?/, '');
}
