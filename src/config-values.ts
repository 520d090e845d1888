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
/** `tooLong`: the message past a day, in the operator's language. */
export const seconds = (tooLong: string) => (fallback: number, min = 0) =>
  z.coerce
    .number()
    .positive()
    .min(min)
    .max(86_400, tooLong)
    .default(fallback)
    .transform((s) => Math.round(s * 1000));
export const count = (fallback: number, min = 1) => z.coerce.number().int().min(min).default(fallback);
export const toolName = /^[A-Za-z][A-Za-z0-9_]*$/;
export const modelId = (message: string) => z.string().regex(modelIdPattern, message);
/** Deny entries may be permission rules such as `WebFetch(domain:intranet.example)`; commas would split them. */
export const toolRule = /^[A-Za-z][A-Za-z0-9_]*(\([^(),\n]*\))?$/;

/** The rule messages of TOOLS_ALLOW / TOOLS_DENY, in the operator's language. */
export interface ToolRuleText {
  toolNames: string;
  toolRules: string;
  clientServer(server: string): string;
  mcpDenyRule: string;
  mcpAllowRule: string;
}

/**
 * TOOLS_ALLOW / TOOLS_DENY: built-in tool names (deny: rules), and rules for the operator's MCP servers — allow a
 * whole server, deny tools by name or glob (backends/claude-cli/mcp-rules). Every entry reaches the CLI's argv.
 */
export const toolRules = (kind: 'allow' | 'deny', text: ToolRuleText) =>
  csv().superRefine((rules, ctx) => {
    for (const rule of rules) {
      const message = ruleProblem(rule, kind, text);
      if (message) ctx.addIssue({ code: 'custom', message: `'${rule}': ${message}` });
    }
  });

function ruleProblem(rule: string, kind: 'allow' | 'deny', text: ToolRuleText): string | undefined {
  if (mcpRuleServer(rule) === clientToolsServer) return text.clientServer(clientToolsServer);
  if (rule.startsWith('mcp__')) {
    if (kind === 'deny') return mcpDenyRule.test(rule) ? undefined : text.mcpDenyRule;
    return mcpAllowRule.test(rule) ? undefined : text.mcpAllowRule;
  }
  if (kind === 'deny') return toolRule.test(rule) ? undefined : text.toolRules;
  return toolName.test(rule) ? undefined : text.toolNames;
}

export const aliasList = (fallback: string, text: { aliasForm(pair: string): string; aliasModel(model: string): string }) =>
  csv(fallback).transform((pairs, ctx) => {
    const aliases = new Map<string, string>();
    for (const pair of pairs) {
      const [from, to, ...rest] = pair.split('=').map((side) => side.trim());
      if (!from || !to || rest.length > 0) {
        ctx.addIssue({ code: 'custom', message: text.aliasForm(pair) });
        continue;
      }
      if (!modelIdPattern.test(to)) ctx.addIssue({ code: 'custom', message: text.aliasModel(to) });
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
