/** What a backend yields while it runs; fronts encode these into their own wire format. */

export interface Usage {
  inputTokens: number;
  outputTokens: number;
  cacheReadTokens: number;
  cacheCreationTokens: number;
}

/** A token's log probability, and the most likely alternatives at its place (as many as the request asked for). */
export interface TokenLogprob {
  token: string;
  logprob: number;
  bytes: number[] | null;
  top: Array<{ token: string; logprob: number; bytes: number[] | null }>;
}

/** Why a response ended, in the core's terms; `raw` keeps the backend's own word for it. */
export type FinishReason = 'stop' | 'length' | 'tool-calls' | 'content-filter' | 'other';

export interface Finish {
  reason: FinishReason;
  /** The backend's stop reason as it said it (Anthropic: end_turn, stop_sequence, pause_turn, tool_use, …). */
  raw: string | undefined;
  /** The stop sequence the output ended at, when it ended at one. */
  stopSequence?: string | undefined;
}

/**
 * The output of one response, as blocks: each text, reasoning or tool-call block starts, grows by deltas and ends,
 * and blocks never interleave. Ids are unique within a response (a tool call's id is the call's own).
 */
export type ModelEvent =
  | { type: 'text-start'; id: string }
  /** `logprobs`: those of the delta's tokens, from a backend that has them and when the request asked. */
  | { type: 'text-delta'; id: string; text: string; logprobs?: TokenLogprob[] | undefined }
  | { type: 'text-end'; id: string }
  | { type: 'reasoning-start'; id: string }
  | { type: 'reasoning-delta'; id: string; text: string }
  /** `signature`: what lets the model's provider verify the thinking if it is sent back (Anthropic). */
  | { type: 'reasoning-end'; id: string; signature?: string | undefined }
  /** A call to a client tool begins. */
  | { type: 'tool-call-start'; id: string; name: string }
  /** A fragment of the call's arguments, a JSON text once all fragments are joined (none for no arguments). */
  | { type: 'tool-call-delta'; id: string; argumentsDelta: string }
  | { type: 'tool-call-end'; id: string }
  /**
   * Usage so far, at the start of each model call: every earlier call of the turn in full, and this call's prompt
   * (its output is not known until it ends). Lets an early end report usage.
   */
  | { type: 'usage'; usage: Usage }
  /** The last event: every block has ended. */
  | ({ type: 'finish'; usage: Usage; costUsd: number | undefined } & Finish);

export type ModelEventType = ModelEvent['type'];
