/** What a backend yields while it runs; fronts encode these into their own wire format. */

export interface Usage {
  inputTokens: number;
  outputTokens: number;
  cacheReadTokens: number;
  cacheCreationTokens: number;
}

export type FinishReason = 'stop' | 'length' | 'tool-calls' | 'content-filter';

export type ModelEvent =
  | { type: 'text-delta'; text: string }
  | { type: 'reasoning-delta'; text: string }
  | { type: 'finish'; reason: FinishReason; usage: Usage; costUsd: number | undefined };

export const emptyUsage: Usage = { inputTokens: 0, outputTokens: 0, cacheReadTokens: 0, cacheCreationTokens: 0 };
