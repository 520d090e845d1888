import { lookup } from 'node:dns/promises';
import ipaddr from 'ipaddr.js';
import { preToolUseDecision, type PreToolUseHook } from './cli-extensions.js';

/** Resolves a host name to its addresses (dns.lookup, as the CLI's own fetch resolves it). */
export type ResolveHost = (hostname: string) => Promise<string[]>;

const resolveWithLookup: ResolveHost = async (hostname) => (await lookup(hostname, { all: true, verbatim: true })).map((entry) => entry.address);

/**
 * A PreToolUse hook on WebFetch: the CLI fetches URLs from the gateway's machine, so under the default `web` policy a
 * prompt could otherwise read the intranet, loopback services or a cloud metadata endpoint. Refused: URLs that are
 * not http(s), and hosts that are, or resolve to, anything but a public unicast address (private, loopback,
 * link-local, unique-local, carrier-grade NAT, reserved, IPv4-mapped). Allowed calls get no decision, so the CLI's
 * own permission rules (TOOLS_DENY) still apply. The check resolves the name before the CLI does: a DNS server that
 * answers differently a moment later (rebinding) is not covered; only a network policy covers that.
 */
export function createWebFetchGuard(resolve: ResolveHost = resolveWithLookup): PreToolUseHook {
  return {
    id: 'guard_web_fetch',
    matcher: 'WebFetch',
    async decide(input) {
      const refusal = await refuse(input.tool_input?.url, resolve);
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
  let addresses: string[];
  try {
    addresses = ipaddr.isValid(host) ? [host] : await resolve(host);
  } catch {
    return `its host ${host} could not be resolved`;
  }
  if (addresses.length === 0) return `its host ${host} could not be resolved`;
  return addresses.some(isNonPublic) ? `its host ${host} is a private, loopback, link-local or reserved address` : undefined;
}

function isNonPublic(address: string): boolean {
  try {
    const parsed = ipaddr.process(address); // IPv4-mapped IPv6 becomes the IPv4 address it maps
    return parsed.range() !== 'unicast';
  } catch {
    return true;
  }
}
