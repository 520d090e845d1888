import { GatewayError } from '../../core/errors.js';

/** The upstream's own words, when its body is an OpenAI-style error (never its headers or address). */
function upstreamMessage(body: string): string {
  try {
    const parsed = JSON.parse(body) as { error?: { message?: unknown } | string; message?: unknown };
    const message = typeof parsed.error === 'string' ? parsed.error : (parsed.error?.message ?? parsed.message);
    if (typeof message === 'string') return message.slice(0, 500);
  } catch {
    // not JSON
  }
  return body.slice(0, 200);
}

/** An upstream HTTP error → the gateway's taxonomy. `provider` names the configured provider (not its URL). */
export function mapHttpError(provider: string, status: number, body: string, retryAfter: string | undefined): GatewayError {
  const said = upstreamMessage(body);
  const detail = `${provider} answered ${status}: ${body.slice(0, 1000)}`;
  if (status === 401 || status === 403) {
    return new GatewayError('upstream_unauthorized', `Provider '${provider}' refused the gateway's credentials (${status}); check its api_key in the config file.`, { detail });
  }
  if (status === 429) {
    const seconds = Number(retryAfter);
    return new GatewayError('upstream_rate_limited', `Provider '${provider}' rate-limited the request: ${said}`, {
      retryAfterSeconds: Number.isFinite(seconds) && seconds > 0 ? Math.ceil(seconds) : 30,
      detail,
    });
  }
  if (status === 404) return new GatewayError('model_not_found', `Provider '${provider}' does not know the model: ${said}`, { param: 'model', detail });
  if (status === 408 || status === 504) return new GatewayError('timeout', `Provider '${provider}' timed out (${status}).`, { detail });
  if (status === 400 || status === 413 || status === 422) {
    return /context|too long|maximum.*tokens/i.test(said)
      ? new GatewayError('context_length_exceeded', `Provider '${provider}': ${said}`, { detail })
      : new GatewayError('invalid_request', `Provider '${provider}' refused the request: ${said}`, { detail });
  }
  if (status === 503 || status === 529) return new GatewayError('upstream_overloaded', `Provider '${provider}' is unavailable: ${said}`, { retryAfterSeconds: 10, detail });
  return new GatewayError('upstream_error', `Provider '${provider}' failed (${status}).`, { detail });
}

/** A failure to reach the upstream or of the connection → 502, or 504 for timeouts. */
export function mapTransportError(provider: string, error: unknown): GatewayError {
  const code = (error as { code?: string }).code ?? '';
  const detail = `${provider}: ${String(error)}`;
  if (/TIMEOUT/.test(code)) return new GatewayError('timeout', `Provider '${provider}' did not answer in time.`, { detail, cause: error });
  return new GatewayError('upstream_error', `Provider '${provider}' could not be reached.`, { detail, cause: error });
}
