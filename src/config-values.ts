/** The value types the environment's variables are parsed as (config.ts). */
import { z } from 'zod';
import { clientToolsServer } from './backends/claude-cli/client-tools.js';
import { mcpAllowRule, mcpDenyRule, mcpRuleServer } from './backends/claude-cli/mcp-rules.js';
import { modelIdPattern } from './core/model-id.js';

const csvItems = (value: string) =>
  value
    .split(',')
    .map((item) => item.trim())
    .filter((item) => item.length > 0);
export const csv = (fallback = '') => z.string().default(fallback).transform(csvItems);
export const seconds = (fallback: number, min = 0) =>
  z.coerce
    .number()
    .positive()
    .min(min)
    .max(86_400, 'at most 86400 (one day)')
    .default(fallback)
    .transform((s) => Math.round(s * 1000));
export const count = (fallback: number, min = 1) => z.coerce.number().int().min(min).default(fallback);
export const toolName = /^[A-Za-z][A-Za-z0-9_]*$/;
export const modelId = z.string().regex(modelIdPattern, 'not a valid model id');
/** Deny entries may be permission rules such as `WebFetch(domain:intranet.example)`; commas would split them. */
export const toolRule = /^[A-Za-z][A-Za-z0-9_]*(\([^(),\n]*\))?$/;

/**
 * TOOLS_ALLOW / TOOLS_DENY: built-in tool names (deny: rules), and rules for the operator's MCP servers — allow a
 * whole server, deny tools by name or glob (backends/claude-cli/mcp-rules). Every entry reaches the CLI's argv.
 */
export const toolRules = (kind: 'allow' | 'deny') =>
  csv().superRefine((rules, ctx) => {
    for (const rule of rules) {
      const message = ruleProblem(rule, kind);
      if (message) ctx.addIssue({ code: 'custom', message: `'${rule}': ${message}` });
    }
  });

function ruleProblem(rule: string, kind: 'allow' | 'deny'): string | undefined {
  if (mcpRuleServer(rule) === clientToolsServer) return `the '${clientToolsServer}' MCP server is the gateway's own, for client tools`;
  if (rule.startsWith('mcp__')) {
    if (kind === 'deny') return mcpDenyRule.test(rule) ? undefined : 'an MCP rule is mcp__<server> or mcp__<server>__<tool or glob>';
    return mcpAllowRule.test(rule)
      ? undefined
      : 'an MCP allow rule takes a whole server (mcp__<server>__*); hide single tools of it with TOOLS_DENY=mcp__<server>__<tool>';
  }
  if (kind === 'deny') return toolRule.test(rule) ? undefined : 'a tool name or a rule like Name(pattern) without commas';
  return toolName.test(rule) ? undefined : 'tool names are letters, digits and _, MCP servers mcp__<server>__*';
}

export const aliasList = (fallback: string) =>
  csv(fallback).transform((pairs, ctx) => {
    const aliases = new Map<string, string>();
    for (const pair of pairs) {
      const [from, to, ...rest] = pair.split('=').map((side) => side.trim());
      if (!from || !to || rest.length > 0) {
        ctx.addIssue({ code: 'custom', message: `'${pair}' is not of the form alias=model` });
        continue;
      }
      if (!modelIdPattern.test(to)) ctx.addIssue({ code: 'custom', message: `'${to}' is not a valid model id` });
      aliases.set(from, to);
    }
    return aliases;
  });

/** A comma-separated list of names that may be left unset (undefined: the caller's default) or set to `none` (empty). */
export const nameList = () =>
  z
    .string()
    .optional()
    .transform((value) => (value === undefined ? undefined : value === 'none' ? [] : csvItems(value)));
