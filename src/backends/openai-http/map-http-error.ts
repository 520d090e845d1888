import { GatewayError } from '../../core/errors.js';

/**
 * The upstream's own words, when its body is an OpenAI-style JSON error; nothing from any other body (a proxy's HTML
 * page may name internal hosts). The log has the whole body.
 */
function upstreamMessage(body: string): string | undefined {
  try {
    const parsed = JSON.parse(body) as { error?: { message?: unknown } | string; message?: unknown };
    const message = typeof parsed.error === 'string' ? parsed.error : (parsed.error?.message ?? parsed.message);
    if (typeof message === 'string') return message.slice(0, 500);
  } catch {
    // not JSON
  }
  return undefined;
}

/** `retry-after` in seconds or as an HTTP date; undefined if neither. */
function retryAfterSeconds(value: string | undefined, now = Date.now()): number | undefined {
  if (value === undefined) return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds) && seconds >= 0) return Math.ceil(seconds);
  const at = Date.parse(value);
  return Number.isNaN(at) ? undefined : Math.max(0, Math.ceil((at - now) / 1000));
}

/** An upstream HTTP error → the gateway's taxonomy. `provider` names the configured provider (never its URL). */
export function mapHttpError(provider: string, status: number, body: string, retryAfter: string | undefined): GatewayError {
  const said = upstreamMessage(body);
  const saying = said ? `: ${said}` : '';
  const detail = `${provider} answered ${status}: ${body.slice(0, 1000)}`;
  if (status === 401 || status === 403) {
    return new GatewayError('upstream_unauthorized', `Provider '${provider}' refused the gateway's credentials (${status}); check its api_key in the config file.`, { detail });
  }
  if (status === 429) {
    return new GatewayError('upstream_rate_limited', `Provider '${provider}' rate-limited the request${saying}`, { retryAfterSeconds: retryAfterSeconds(retryAfter) ?? 30, detail });
  }
  if (status === 408 || status === 504) return new GatewayError('timeout', `Provider '${provider}' timed out (${status}).`, { detail });
  if (status === 400 || status === 413 || status === 422) {
    return said !== undefined && /context|too long|maximum.*tokens/i.test(said)
      ? new GatewayError('context_length_exceeded', `Provider '${provider}'${saying}`, { detail })
      : new GatewayError('invalid_request', `Provider '${provider}' refused the request${saying}`, { detail });
  }
  // 404 too: a wrong base_url or an upstream model the provider lacks is the config's fault, not the client's.
  return new GatewayError('upstream_error', `Provider '${provider}' failed (${status})${saying}`, { detail });
}

/** A failure to reach the upstream or of the connection → 502, or 504 for timeouts. */
export function mapTransportError(provider: string, error: unknown): GatewayError {
  const code = (error as { code?: string }).code ?? '';
  const detail = `${provider}: ${String(error)}`;
  if (/TIMEOUT/.test(code)) return new GatewayError('timeout', `Provider '${provider}' did not answer in time.`, { detail, cause: error });
  return new GatewayError('upstream_error', `Provider '${provider}' could not be reached.`, { detail, cause: error });
}
