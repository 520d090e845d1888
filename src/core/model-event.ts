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
  /** A call to a client tool begins; `index` counts the calls of this response from 0. */
  | { type: 'tool-call-start'; index: number; id: string; name: string }
  /** A fragment of the call's arguments, a JSON text once all fragments are joined. */
  | { type: 'tool-call-delta'; index: number; argumentsDelta: string }
  /**
   * Usage so far, at the start of each model call: every earlier call of the turn in full, and this call's prompt
   * (its output is not known until it ends). Lets an early end report usage.
   */
  | { type: 'usage'; usage: Usage }
  | { type: 'finish'; reason: FinishReason; usage: Usage; costUsd: number | undefined };
