/**
 * What the gateway plugs into a CLI run over its control channel (protocol §4.8, §6): PreToolUse hooks it answers and
 * `sdk`-type MCP servers it serves. Both are registered in the `initialize` request and answered on stdin.
 */

/** The `input` of a PreToolUse `hook_callback` (§2.13). */
export interface PreToolUseInput {
  tool_name?: string;
  tool_input?: Record<string, unknown>;
  tool_use_id?: string;
}

export interface PreToolUseDecision {
  hookSpecificOutput: { hookEventName: 'PreToolUse'; permissionDecision: 'allow' | 'deny' | 'defer'; permissionDecisionReason: string };
}

export interface PreToolUseHook {
  /** The callback id the CLI sends back. */
  id: string;
  /** A regular expression over tool names. */
  matcher: string;
  /** How long the CLI waits for the decision (its default otherwise). */
  timeoutSeconds?: number;
  /** No decision (undefined) leaves the call to the CLI's own permission rules. */
  decide(input: PreToolUseInput): PreToolUseDecision | undefined | Promise<PreToolUseDecision | undefined>;
}

/** A JSON-RPC request or notification for an sdk MCP server, and its reply (undefined for a notification). */
export interface SdkMcpServer {
  name: string;
  handle(message: { method: string; id?: string | number | undefined; params?: Record<string, unknown> | undefined }): unknown;
}

export interface CliExtensions {
  hooks: readonly PreToolUseHook[];
  servers: readonly SdkMcpServer[];
}

export const preToolUseDecision = (permissionDecision: PreToolUseDecision['hookSpecificOutput']['permissionDecision'], reason: string): PreToolUseDecision => ({
  hookSpecificOutput: { hookEventName: 'PreToolUse', permissionDecision, permissionDecisionReason: reason },
});

/** The `initialize` fields that register the extensions. */
export function encodeExtensions({ hooks, servers }: CliExtensions): Record<string, unknown> {
  return {
    ...(hooks.length > 0
      ? { hooks: { PreToolUse: hooks.map((hook) => ({ matcher: hook.matcher, hookCallbackIds: [hook.id], ...(hook.timeoutSeconds ? { timeout: hook.timeoutSeconds } : {}) })) } }
      : {}),
    ...(servers.length > 0 ? { sdkMcpServers: servers.map((server) => server.name) } : {}),
  };
}
