import { resolveTools, type ToolPolicy } from './backends/claude-cli/resolve-tools.js';
import type { Messages } from './locale/messages-en.js';

/**
 * The line a person reads once the gateway listens (stderr; the pino line on stdout says the same for machines): where,
 * whether a key is needed, and which tools the model may run on this machine: the built-ins, and the operator MCP servers
 * the policy offers (their tools run with the servers' credentials).
 */
export function formatBanner(url: string, { keyRequired, toolPolicy }: { keyRequired: boolean; toolPolicy: ToolPolicy }, text: Messages['banner']): string {
  const { offered, mcpServers } = resolveTools(toolPolicy, undefined);
  const tools = [...(offered.length > 0 ? [offered.join(', ')] : []), ...(mcpServers.length > 0 ? [text.mcpServers(mcpServers.join(', '))] : [])];
  const parts = [text.listening(url), keyRequired ? text.keyRequired : text.noKey, text.toolPolicy(toolPolicy.mode, tools.join(' + ') || text.noTools)];
  return `${parts.join(' · ')}\n`;
}
