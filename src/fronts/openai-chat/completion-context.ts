import { nanoid } from 'nanoid';
import { textSeparatorFor } from './join-text.js';

/** What every chunk or completion of one response repeats. */
export interface CompletionContext {
  id: string;
  created: number;
  model: string;
  /** Answer tool calls in the legacy `function_call` shape (the request used `functions`). */
  legacyFunctions: boolean;
  /** Send the model's thinking as `reasoning_content`. */
  includeReasoning: boolean;
  /** Between text blocks (join-text). */
  textSeparator: string;
}

export function createCompletionContext(
  model: string,
  options: Partial<Pick<CompletionContext, 'legacyFunctions' | 'includeReasoning'>> & { stopSequences?: readonly string[] } = {},
): CompletionContext {
  return {
    id: `chatcmpl-${nanoid()}`,
    created: Math.floor(Date.now() / 1000),
    model,
    legacyFunctions: options.legacyFunctions ?? false,
    includeReasoning: options.includeReasoning ?? false,
    textSeparator: textSeparatorFor(options.stopSequences ?? []),
  };
}
