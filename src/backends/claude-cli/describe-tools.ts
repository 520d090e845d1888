import type { ToolsView } from '../../wire/gateway-views.js';
import { cliBuiltinTools } from './cli-builtin-tools.js';
import { clientToolsServer } from './client-tools.js';
import { mcpRuleServer } from './mcp-rules.js';
import { resolveTools, type ToolPolicy } from './resolve-tools.js';

/** GET /v1/tools: the built-in tools and operator MCP servers, and which of them the policy offers the model. */
export function describeTools(policy: ToolPolicy): ToolsView {
  const resolved = resolveTools(policy, undefined);
  const deny = policy.mode === 'custom' ? [...policy.deny] : [];
  const denyOf = (name: string) => deny.filter((rule) => rule.startsWith(`${name}(`));
  return {
    policy: { mode: policy.mode, allow: policy.mode === 'custom' ? [...policy.allow] : [], deny },
    builtin: cliBuiltinTools.map((tool) => ({
      ...tool,
      allowed: resolved.offered.includes(tool.name) && !deny.includes(tool.name),
      restrictions: denyOf(tool.name),
    })),
    mcp_servers: (policy.mcp?.servers ?? []).map(({ name, transport }) => ({
      name,
      transport,
      offered: resolved.mcpServers.includes(name),
      tool_prefix: `mcp__${name}__`,
      denied: deny.filter((rule) => mcpRuleServer(rule) === name),
    })),
    client_tools: `Functions a request defines are offered to the model as mcp__${clientToolsServer}__<name>; the gateway never runs them: their calls go back to the client.`,
  };
}
