import type { ModelRequest } from '../../core/model-request.js';

/** The API's smallest thinking budget: under it a fixed budget (haiku, sonnet 4.5) would be refused. */
const minThinkingBudget = 1024;

const control = (id: string, request: Record<string, unknown>) => ({ type: 'control_request', request_id: id, request });

/**
 * The control requests that set a run's effort, output limit, stop sequences and thinking after the CLI has started
 * (all verified on 2.1.197). `apply_flag_settings` takes the effort and, as environment, the output limit and the stop
 * sequences; it holds the model call back ~50 ms, so it is sent only when a request sets one of them.
 * `set_max_thinking_tokens` takes thinking: 0 turns it off on every model, a budget is what fixed-budget models
 * (haiku, sonnet 4.5) get, while adaptive ones (opus 4.8, sonnet 5) decide for themselves.
 */
export function encodeRunSettings(request: ModelRequest, userExtraBody: string | undefined): object[] {
  const env = { ...outputLimit(request.maxOutputTokens), ...extraBody(request.stopSequences, userExtraBody) };
  const flags = { ...(request.reasoningEffort ? { effortLevel: request.reasoningEffort } : {}), ...(Object.keys(env).length > 0 ? { env } : {}) };
  const thinking = thinkingTokens(request);
  return [
    ...(Object.keys(flags).length > 0 ? [control('run_settings', { subtype: 'apply_flag_settings', settings: flags })] : []),
    ...(thinking !== undefined ? [control('thinking', { subtype: 'set_max_thinking_tokens', max_thinking_tokens: thinking })] : []),
  ];
}

const outputLimit = (maxOutputTokens: number | undefined) => (maxOutputTokens ? { CLAUDE_CODE_MAX_OUTPUT_TOKENS: String(maxOutputTokens) } : {});

/**
 * Stop sequences go upstream in the request body through CLAUDE_CODE_EXTRA_BODY, which the CLI merges into every
 * Messages request (verified on 2.1.197), so the model itself stops there. The API refuses whitespace-only ones;
 * those are cut by the gateway alone (core/cut-at-stop-sequences).
 */
function extraBody(stopSequences: readonly string[], userExtraBody: string | undefined): Record<string, string> {
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

/**
 * Thinking for the run, or undefined for the model's default. The CLI gives fixed-budget models a budget just under
 * the output limit (a 256 limit sent `budget_tokens: 255`), which the API refuses below 1024, so a limit that small
 * turns thinking off; it would eat such a small budget anyway.
 */
function thinkingTokens({ thinking, maxOutputTokens }: ModelRequest): number | undefined {
  if (thinking?.type === 'off' || (maxOutputTokens !== undefined && maxOutputTokens <= minThinkingBudget)) return 0;
  return thinking?.type === 'budget' ? thinking.tokens : undefined;
}
