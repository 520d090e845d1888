import { GatewayError } from '../../core/errors.js';
import type { BuiltinTools } from '../../core/model-request.js';
import { mcpRuleServer } from './mcp-rules.js';
import type { OperatorMcp } from './copy-mcp-config.js';

export interface ToolPolicy {
  mode: 'web' | 'none' | 'custom';
  /** custom: the built-in tools offered and pre-approved, and the operator's MCP servers offered (`mcp__github__*`). */
  allow: readonly string[];
  /** custom: tools or permission rules always denied (and so never offered), MCP tools by name or glob included. */
  deny: readonly string[];
  /** The operator's MCP servers (MCP_CONFIG): offered only where a custom allow rule names them. */
  mcp?: OperatorMcp | undefined;
}

export interface ResolvedTools {
  /** Built-in tools the model is offered; each is also pre-approved (nothing else can be, in -p mode). */
  offered: string[];
  /** The operator MCP servers whose tools the model is offered (less what `denied` hides). */
  mcpServers: string[];
  /** `--allowedTools`: the offered built-ins and the allow rules of the offered servers. */
  approved: string[];
  denied: string[];
  /** The MCP config file the CLI loads (the private copy), when a server of it is offered. */
  mcpConfig: string | undefined;
}

const webTools = ['WebSearch', 'WebFetch'];

/**
 * The policy's tools, narrowed (never widened) by the request's own list of built-ins. A request's list says nothing
 * of the operator's MCP servers: they are the operator's choice alone. The CLI offers every tool of every server it
 * loads, whatever `--tools` says, so servers no rule allows are denied by name: a denied tool is not offered at all
 * (verified on 2.1.197). None allowed: the file is not loaded, and its servers are never started.
 */
export function resolveTools(policy: ToolPolicy, requested: BuiltinTools | undefined): ResolvedTools {
  const custom = policy.mode === 'custom';
  const allowed = policy.mode === 'web' ? webTools : custom ? policy.allow.filter((rule) => mcpRuleServer(rule) === undefined) : [];
  const mcpAllowed = custom ? policy.allow.filter((rule) => mcpRuleServer(rule) !== undefined) : [];
  const servers = policy.mcp?.servers.map((server) => server.name) ?? [];
  const mcpServers = servers.filter((name) => mcpAllowed.some((rule) => mcpRuleServer(rule) === name));
  const mcpApproved = mcpAllowed.filter((rule) => mcpServers.includes(mcpRuleServer(rule)!));
  const loaded = mcpServers.length > 0;
  const denied = [...(custom ? policy.deny : []), ...(loaded ? servers.filter((name) => !mcpServers.includes(name)).map((name) => `mcp__${name}`) : [])];
  const mcp = { mcpServers, mcpConfig: loaded ? policy.mcp!.path : undefined, denied };
  if (requested === undefined) return { offered: allowed, approved: [...allowed, ...mcpApproved], ...mcp };
  const beyond = requested.names.filter((name) => !allowed.includes(name));
  if (beyond.length > 0) {
    throw new GatewayError(
      'invalid_request',
      `The gateway's tool policy (${policy.mode}: ${allowed.join(', ') || 'no tools'}) does not allow ${beyond.join(', ')}; a request may only narrow it.`,
      { param: requested.param },
    );
  }
  const offered = [...new Set(requested.names)];
  return { offered, approved: [...offered, ...mcpApproved], ...mcp };
}
