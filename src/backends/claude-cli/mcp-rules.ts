/**
 * Tool rules for MCP servers, as the CLI reads them (verified on 2.1.197). Allow rules take a whole server,
 * `mcp__<server>` or `mcp__<server>__*`; the CLI ignores wildcards elsewhere in an allow rule (`mcp__*`, with a warning
 * on stderr). Deny rules take globs anywhere and hide what they match from the model: `mcp__github__delete_*`.
 * The server part here is always literal, so no operator rule reaches the gateway's own `mcp__client__` tools.
 */
const server = '[A-Za-z0-9](?:[A-Za-z0-9-]|_(?!_))*(?<!_)';

/** A server name: letters, digits, hyphens and single underscores (a `__` would blur where the server name ends). */
export const mcpServerName = new RegExp(`^${server}$`);
/** A whole server: `mcp__github` or `mcp__github__*`. */
export const mcpAllowRule = new RegExp(`^mcp__${server}(?:__\\*)?$`);
/** A server, or some of its tools by name or glob: `mcp__github__delete_*`. */
export const mcpDenyRule = new RegExp(`^mcp__${server}(?:__[A-Za-z0-9_*-]+)?$`);

/** The server an MCP rule names, or undefined for a rule about built-in tools. */
export function mcpRuleServer(rule: string): string | undefined {
  if (!rule.startsWith('mcp__')) return undefined;
  return rule.slice('mcp__'.length).split('__')[0];
}
