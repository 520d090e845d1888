import { lookup } from 'node:dns/promises';
import ipaddr from 'ipaddr.js';
import { preToolUseDecision, type PreToolUseHook } from './cli-extensions.js';

/** Resolves a host name to its addresses (dns.lookup, as the CLI's own fetch resolves it). */
export type ResolveHost = (hostname: string) => Promise<string[]>;

const resolveWithLookup: ResolveHost = async (hostname) => (await lookup(hostname, { all: true, verbatim: true })).map((entry) => entry.address);

/** A slow DNS server cannot hold the turn (or libuv's small lookup pool) for long: past this, the URL is refused. */
const lookupTimeoutMs = 5000;

/**
 * A PreToolUse hook on WebFetch: the CLI fetches URLs from the gateway's machine, so under the default `web` policy a
 * prompt could otherwise read the intranet, loopback services or a cloud metadata endpoint. Refused: URLs that are
 * not http(s), and hosts that are, or resolve to, anything but a public unicast address (private, loopback,
 * link-local, unique-local, carrier-grade NAT, reserved, IPv4-mapped). Allowed calls get no decision, so the CLI's
 * own permission rules (TOOLS_DENY) still apply. The CLI follows redirects by itself only to the same host give or
 * take a leading `www.` (2.1.197), so that twin is checked too; other redirects go back to the model and through this
 * hook again. Anything that goes wrong here refuses: the CLI would take a failed answer as no decision. The check
 * resolves the name before the CLI does: a DNS server that answers differently a moment later (rebinding) is not
 * covered; only a network policy covers that.
 */
export function createWebFetchGuard(resolve: ResolveHost = resolveWithLookup): PreToolUseHook {
  return {
    id: 'guard_web_fetch',
    matcher: 'WebFetch',
    timeoutSeconds: 30,
    async decide(input) {
      const refusal = await refuse(input.tool_input?.url, resolve).catch(() => 'it could not be checked');
      return refusal === undefined ? undefined : preToolUseDecision('deny', `The gateway does not fetch this URL: ${refusal}.`);
    },
  };
}

async function refuse(url: unknown, resolve: ResolveHost): Promise<string | undefined> {
  let parsed: URL;
  try {
    parsed = new URL(String(url));
  } catch {
    return 'it is not a valid URL';
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') return 'only http and https URLs are fetched';
  const host = parsed.hostname.replace(/^\[(.*)\]$/, '$1'); // WHATWG URL has already normalised 0x7f000001 and friends
  if (ipaddr.isValid(host)) return isNonPublic(host) ? `its host ${host} is a private, loopback, link-local or reserved address` : undefined;
  const twin = host.startsWith('www.') ? host.slice(4) : `www.${host}`;
  const [own, other] = await Promise.all([resolveWithin(resolve, host), resolveWithin(resolve, twin).catch(() => [])]);
  if (own.length === 0) return `its host ${host} could not be resolved`;
  if (own.some(isNonPublic)) return `its host ${host} is a private, loopback, link-local or reserved address`;
  if (other.some(isNonPublic)) return `${twin}, where it may redirect, is a private, loopback, link-local or reserved address`;
  return undefined;
}

async function resolveWithin(resolve: ResolveHost, host: string): Promise<string[]> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error('DNS timeout')), lookupTimeoutMs)));
  try {
    return await Promise.race([resolve(host), timeout]);
  } finally {
    clearTimeout(timer);
  }
}

function isNonPublic(address: string): boolean {
  try {
    const parsed = ipaddr.process(address); // IPv4-mapped IPv6 becomes the IPv4 address it maps
    return parsed.range() !== 'unicast';
  } catch {
    return true;
  }
}
