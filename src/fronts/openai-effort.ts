import type { ReasoningEffort } from '../core/model-request.js';

type OpenAiEffort = 'none' | 'minimal' | ReasoningEffort;

/** OpenAI's `reasoning_effort` / `reasoning.effort`: the CLI's levels start at `low`, so `none` and `minimal` ask for the least it has. */
export function decodeOpenAiEffort(effort: OpenAiEffort | null | undefined): ReasoningEffort | undefined {
  if (effort === undefined || effort === null) return undefined;
  return effort === 'none' || effort === 'minimal' ? 'low' : effort;
}
