/**
 * One answer of an Anthropic-compatible upstream (the demo model's, or the test fake's), before it is encoded as the
 * Messages API's SSE stream (encode-message-events) or JSON body (encode-message-body). Text comes in the chunks it
 * streams as.
 */
export interface UpstreamMessage {
  id: string;
  model: string;
  content: UpstreamBlock[];
  /** The API's own word: end_turn, tool_use, max_tokens, stop_sequence, … */
  stopReason: string;
  stopSequence?: string | null | undefined;
  usage: UpstreamUsage;
}

export type UpstreamBlock =
  | { type: 'text'; chunks: readonly string[] }
  | { type: 'thinking'; chunks: readonly string[]; signature: string }
  | { type: 'tool_use'; id: string; name: string; input: Record<string, unknown> };

export interface UpstreamUsage {
  input_tokens: number;
  output_tokens: number;
  cache_read_input_tokens: number;
  cache_creation_input_tokens: number;
}
