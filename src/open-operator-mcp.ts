import { copyMcpConfig, type OperatorMcp } from './backends/claude-cli/copy-mcp-config.js';
import { mcpRuleServer } from './backends/claude-cli/mcp-rules.js';
import { readMcpConfig } from './backends/claude-cli/read-mcp-config.js';
import { ConfigError } from './config-error.js';
import type { Messages } from './locale/messages-en.js';

/**
 * MCP_CONFIG, read and checked now: a broken file or a rule naming a server it lacks stops start-up. What was checked
 * is copied to a private file, the one the CLIs load, so a later edit of MCP_CONFIG reaches none of them.
 */
export function openOperatorMcp(file: string, rules: Record<'TOOLS_ALLOW' | 'TOOLS_DENY', readonly string[]>, text: Messages['config']): OperatorMcp {
  const invalid = (variable: string, message: string) => new ConfigError(`${text.invalid}\n  ${variable}: ${message}`);
  let checked;
  try {
    checked = readMcpConfig(file);
  } catch (error) {
    throw invalid('MCP_CONFIG', (error as Error).message);
  }
  const names = checked.servers.map((server) => server.name);
  for (const [variable, list] of Object.entries(rules)) {
    const unknown = list.filter((rule) => {
      const server = mcpRuleServer(rule);
      return server !== undefined && !names.includes(server);
    });
    if (unknown.length > 0) throw invalid(variable, text.mcpUnknownServer(unknown.join(', '), checked.source, names.join(', ')));
  }
  try {
    return copyMcpConfig(checked);
  } catch (error) {
    throw invalid('MCP_CONFIG', text.mcpCopyFailed((error as NodeJS.ErrnoException).code ?? String(error)));
  }
}
