import type { RequestHandler } from 'express';
import { GatewayError } from '../core/errors.js';
import { isLoopback } from './is-loopback.js';

/**
 * Without API keys the gateway trusts whoever can reach its loopback port — which includes any web page the user
 * opens, if that page's host name is re-pointed at 127.0.0.1 (DNS rebinding). Such requests still carry the page's
 * own host name, so only requests addressed to a loopback name or address, or to a configured ALLOWED_HOSTS name, are
 * served (as the MCP SDK does for local servers).
 */
export function requireLocalHost(allowedHosts: readonly string[]): RequestHandler {
  const allowed = new Set(allowedHosts.map((host) => host.toLowerCase()));
  return (req, _res, next) => {
    const host = hostnameOf(req.headers.host);
    if (host !== undefined && (isLoopback(host) || host.endsWith('.localhost') || allowed.has(host))) return next();
    const shown = (req.headers.host ?? '').replace(/[^\w.:[\]-]/g, '').slice(0, 100) || '(none)';
    next(
      new GatewayError(
        'host_not_allowed',
        `Requests addressed to host '${shown}' are refused: without API_KEYS the gateway answers only requests to localhost ` +
          'or a loopback address (add names to ALLOWED_HOSTS, or set API_KEYS).',
      ),
    );
  };
}

/** A Host header is a name or a bracketed IPv6 address, and a port: nothing else (no userinfo, no path). */
const hostHeader = /^(\[[0-9a-f:.]+\]|[a-z0-9.-]+)(:\d{1,5})?$/i;

/** `Host: name:port` → `name`, lower-cased, IPv6 without its brackets; undefined for anything malformed. */
function hostnameOf(header: string | undefined): string | undefined {
  const match = header === undefined ? null : hostHeader.exec(header);
  return match ? match[1]!.toLowerCase().replace(/^\[(.*)\]$/, '$1') : undefined;
}
