import { nanoid } from 'nanoid';

/** What every chunk or completion of one response repeats. */
export interface CompletionContext {
  id: string;
  created: number;
  model: string;
}

export function createCompletionContext(model: string): CompletionContext {
  return { id: `chatcmpl-${nanoid()}`, created: Math.floor(Date.now() / 1000), model };
}
