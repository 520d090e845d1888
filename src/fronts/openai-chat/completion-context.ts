import { nanoid } from 'nanoid';

/** What every chunk or completion of one response repeats. */
export interface CompletionContext {
  id: string;
  created: number;
  model: string;
  /** Answer tool calls in the legacy `function_call` shape (the request used `functions`). */
  legacyFunctions: boolean;
}

export function createCompletionContext(model: string, legacyFunctions = false): CompletionContext {
  return { id: `chatcmpl-${nanoid()}`, created: Math.floor(Date.now() / 1000), model, legacyFunctions };
}
