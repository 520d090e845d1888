/** The one internal request every front decodes into and every backend encodes from. */

export interface TextPart {
  type: 'text';
  text: string;
}

/** Parts grow here (image, tool-call, tool-result) as fronts learn to decode them. */
export type ContentPart = TextPart;

export interface ChatMessage {
  role: 'user' | 'assistant';
  content: ContentPart[];
}

export interface ModelRequest {
  /** Model id as the backend understands it (aliases already resolved). */
  model: string;
  /** System instructions; undefined means none at all (the backend must not add its own). */
  system: string | undefined;
  /** Conversation in order; the last message is always from the user. */
  messages: ChatMessage[];
  /**
   * Built-in tools the request asks for. Undefined: the configured policy as is. A list may only narrow the
   * policy; a backend rejects any name the policy does not allow.
   */
  builtinTools: readonly string[] | undefined;
}
