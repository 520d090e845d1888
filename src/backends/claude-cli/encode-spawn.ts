import { modelIdPattern } from '../../core/model-id.js';
import { GatewayError } from '../../core/errors.js';
import type { ModelRequest } from '../../core/model-request.js';
import { clientToolsMcpConfig, offeredClientTools } from './client-tools.js';
import { resolveTools, type ToolPolicy } from './resolve-tools.js';
import type { CliSpawnSpec } from './spawn-cli.js';

export interface SpawnSettings {
  toolPolicy: ToolPolicy;
  maxRetries: number;
  /** Variables passed through to the CLI (credentials, endpoints, proxies). */
  env: Readonly<Record<string, string>>;
}

export interface EncodedSpawn extends CliSpawnSpec {
  /** The built-in tools the model is offered. */
  offeredTools: readonly string[];
}

/** Defaults a user's environment may override. */
const defaultEnv = { CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC: '1', DISABLE_AUTOUPDATER: '1' };

/** Linux's limit on one argument or environment string (MAX_ARG_STRLEN): a longer one fails the spawn (E2BIG). */
const maxArgBytes = 128 * 1024;

/**
 * What a request fixes when its CLI starts: argv and environment. Every value in argv is validated or fixed, and uses
 * the `--flag=value` form so no value can be read as another flag. Prompts, the system prompt included, go on stdin
 * (encode-turn): argv is visible to other users in `ps` and capped at 128 KiB per argument.
 */
export function encodeSpawn(request: ModelRequest, settings: SpawnSettings): EncodedSpawn {
  if (!modelIdPattern.test(request.model)) {
    throw new GatewayError('invalid_request', `'${request.model}' is not a valid model id.`, { param: 'model' });
  }
  const tools = resolveTools(settings.toolPolicy, request.builtinTools);
  const args = [
    '-p',
    '--input-format=stream-json',
    '--output-format=stream-json',
    '--verbose',
    '--include-partial-messages',
    `--model=${request.model}`,
    ...(request.reasoningEffort ? [`--effort=${request.reasoningEffort}`] : []),
    // Empty here so the default Claude Code prompt is never sent; the request's own arrives in `initialize`.
    '--system-prompt=',
    `--tools=${tools.offered.join(',')}`,
    ...(tools.offered.length > 0 ? [`--allowedTools=${tools.offered.join(',')}`] : []),
    ...(tools.denied.length > 0 ? [`--disallowedTools=${tools.denied.join(',')}`] : []),
    '--permission-mode=dontAsk',
    '--setting-sources=',
    '--strict-mcp-config',
    '--disable-slash-commands',
    '--no-session-persistence',
    ...(offeredClientTools(request).length > 0 ? [clientToolsMcpConfig] : []),
  ];
  const env = {
    ...defaultEnv,
    ...settings.env,
    CLAUDE_CODE_MAX_RETRIES: String(settings.maxRetries),
    // Keep tools in the request itself rather than behind a ToolSearch tool (protocol §6.6).
    ENABLE_TOOL_SEARCH: 'false',
    ...encodeOutputLimit(request),
    ...encodeExtraBody(request.stopSequences, settings.env.CLAUDE_CODE_EXTRA_BODY),
  };
  const oversized = Object.entries(env).find(([name, value]) => Buffer.byteLength(`${name}=${value}`) >= maxArgBytes);
  if (oversized) {
    // Only the stop sequences come from the request; fronts bound them well below this.
    throw new GatewayError('invalid_request', `The request's stop sequences are too long together to pass to the CLI (${oversized[0]}).`);
  }
  return { args, env, offeredTools: tools.offered };
}

/**
 * Stop sequences go upstream in the request body through CLAUDE_CODE_EXTRA_BODY, which the CLI merges into every
 * Messages request (verified on 2.1.197), so the model itself stops there. The API refuses whitespace-only ones;
 * those are cut by the gateway alone (core/cut-at-stop-sequences).
 */
function encodeExtraBody(stopSequences: readonly string[], userExtraBody: string | undefined): Record<string, string> {
  const native = stopSequences.filter((stop) => stop.trim().length > 0);
  if (native.length === 0) return {};
  let base: Record<string, unknown> = {};
  try {
    const parsed: unknown = JSON.parse(userExtraBody ?? '{}');
    if (typeof parsed === 'object' && parsed !== null) base = parsed as Record<string, unknown>;
  } catch {
    // an unreadable user setting is replaced rather than passed on broken
  }
  return { CLAUDE_CODE_EXTRA_BODY: JSON.stringify({ ...base, stop_sequences: native }) };
}

/** The API's smallest thinking budget: under it a fixed budget (haiku, sonnet 4.5) would be refused. */
const minThinkingBudget = 1024;

/**
 * The output limit and thinking, per run. `MAX_THINKING_TOKENS=0` turns thinking off on every model; a budget is what
 * fixed-budget models (haiku, sonnet 4.5) get, while adaptive ones (opus 4.8, sonnet 5) still decide for themselves
 * (verified on 2.1.197). The CLI gives fixed-budget models a budget just under the output limit (a 256 limit sent
 * `budget_tokens: 255`), which the API refuses below 1024, so a limit that small turns thinking off; it would eat
 * such a small budget anyway.
 */
function encodeOutputLimit({ maxOutputTokens, thinking }: ModelRequest): Record<string, string> {
  const off = thinking?.type === 'off' || (maxOutputTokens !== undefined && maxOutputTokens <= minThinkingBudget);
  return {
    ...(maxOutputTokens ? { CLAUDE_CODE_MAX_OUTPUT_TOKENS: String(maxOutputTokens) } : {}),
    ...(off ? { MAX_THINKING_TOKENS: '0' } : thinking?.type === 'budget' ? { MAX_THINKING_TOKENS: String(thinking.tokens) } : {}),
  };
}
