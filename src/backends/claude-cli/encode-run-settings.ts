import type { ModelRequest } from '../../core/model-request.js';

/** The API's smallest thinking budget: under it a fixed budget (haiku, sonnet 4.5) would be refused. */
const minThinkingBudget = 1024;

const control = (id: string, request: Record<string, unknown>) => ({ type: 'control_request', request_id: id, request });

/** A run's effort, output limit, stop sequences and thinking, in the two forms a CLI can take them. */
export interface RunSettings {
  /**
   * For a process started for this request: effort in argv (a validated enum), the output limit and the stop
   * sequences in its environment — free, where the same on stdin holds the model call back ~40–80 ms.
   */
  atSpawn: { args: string[]; env: Record<string, string> };
  /** The same for a process started ahead (the pool's): one `apply_flag_settings`, or none when nothing is set. */
  onStdin: object[];
  /** What every process takes on stdin: thinking, one `set_max_thinking_tokens` line either way. */
  always: object[];
}

/**
 * The run settings of a request (all verified on 2.1.197). `apply_flag_settings` takes the effort and, as
 * environment, the output limit and the stop sequences. `set_max_thinking_tokens` takes thinking: 0 turns it off on
 * every model, a budget is what fixed-budget models (haiku, sonnet 4.5) get, while adaptive ones (opus 4.8,
 * sonnet 5) decide for themselves.
 */
export function encodeRunSettings(request: ModelRequest, userExtraBody: string | undefined): RunSettings {
  const env = { ...outputLimit(request.maxOutputTokens), ...extraBody(request.stopSequences, userExtraBody) };
  const effort = request.reasoningEffort;
  const flags = { ...(effort ? { effortLevel: effort } : {}), ...(Object.keys(env).length > 0 ? { env } : {}) };
  const thinking = thinkingTokens(request);
  return {
    atSpawn: { args: effort ? [`--effort=${effort}`] : [], env },
    onStdin: Object.keys(flags).length > 0 ? [control('run_settings', { subtype: 'apply_flag_settings', settings: flags })] : [],
    always: thinking !== undefined ? [control('thinking', { subtype: 'set_max_thinking_tokens', max_thinking_tokens: thinking })] : [],
  };
}

const outputLimit = (maxOutputTokens: number | undefined): Record<string, string> =>
  maxOutputTokens ? { CLAUDE_CODE_MAX_OUTPUT_TOKENS: String(maxOutputTokens) } : {};

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
