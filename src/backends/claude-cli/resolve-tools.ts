import { GatewayError } from '../../core/errors.js';
import type { BuiltinTools } from '../../core/model-request.js';

export interface ToolPolicy {
  mode: 'web' | 'none' | 'custom';
  /** custom: the built-in tools offered and pre-approved. */
  allow: readonly string[];
  /** custom: tools or permission rules always denied. */
  deny: readonly string[];
}

export interface ResolvedTools {
  /** Built-in tools the model is offered; each is also pre-approved (nothing else can be, in -p mode). */
  offered: string[];
  denied: string[];
}

const webTools = ['WebSearch', 'WebFetch'];

/** The policy's tools, narrowed (never widened) by the request's own list. */
export function resolveTools(policy: ToolPolicy, requested: BuiltinTools | undefined): ResolvedTools {
  const allowed = policy.mode === 'web' ? webTools : policy.mode === 'none' ? [] : [...policy.allow];
  const denied = policy.mode === 'custom' ? [...policy.deny] : [];
  if (requested === undefined) return { offered: allowed, denied };
  const beyond = requested.names.filter((name) => !allowed.includes(name));
  if (beyond.length > 0) {
    throw new GatewayError(
      'invalid_request',
      `The gateway's tool policy (${policy.mode}: ${allowed.join(', ') || 'no tools'}) does not allow ${beyond.join(', ')}; a request may only narrow it.`,
      { param: requested.param },
    );
  }
  return { offered: [...new Set(requested.names)], denied };
}
