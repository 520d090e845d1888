import { modelIdPattern } from '../../core/model-id.js';
import { GatewayError } from '../../core/errors.js';
import type { ModelRequest } from '../../core/model-request.js';
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

/**
 * What is fixed when a CLI starts: argv and environment — the model and the built-in tools, which cannot change
 * after start-up (changing the model injects `/model` text into the prompt; the tool list is read once). Everything
 * else a request sets can travel on stdin (encode-turn), so one started process can serve any request of its model
 * and tools (the pool's key); a process started for its request takes its run settings at spawn instead
 * (encode-run-settings). Every value in argv is validated or fixed, and uses the `--flag=value` form so no value can
 * be read as another flag; argv is visible to other users in `ps`.
 */
export function encodeSpawn(request: Pick<ModelRequest, 'model' | 'builtinTools'>, settings: SpawnSettings): EncodedSpawn {
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
    // Empty here so the default Claude Code prompt is never sent; the request's own arrives in `initialize`.
    '--system-prompt=',
    `--tools=${tools.offered.join(',')}`,
    ...(tools.approved.length > 0 ? [`--allowedTools=${tools.approved.join(',')}`] : []),
    ...(tools.denied.length > 0 ? [`--disallowedTools=${tools.denied.join(',')}`] : []),
    '--permission-mode=dontAsk',
    '--setting-sources=',
    // Only the operator's file as checked at start-up (MCP_CONFIG's private copy): never a ~/.claude.json or .mcp.json
    // server (§5.12).
    ...(tools.mcpConfig ? [`--mcp-config=${tools.mcpConfig}`] : []),
    '--strict-mcp-config',
    '--disable-slash-commands',
    '--no-session-persistence',
  ];
  const env = {
    ...defaultEnv,
    ...settings.env,
    CLAUDE_CODE_MAX_RETRIES: String(settings.maxRetries),
    // Keep tools in the request itself rather than behind a ToolSearch tool (protocol §6.6).
    ENABLE_TOOL_SEARCH: 'false',
  };
  return { args, env, offeredTools: tools.offered };
}
