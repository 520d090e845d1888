/** The one internal request every front decodes into and every backend encodes from. */

export interface TextPart {
  type: 'text';
  text: string;
}

export type ImageMediaType = 'image/png' | 'image/jpeg' | 'image/gif' | 'image/webp';

/** An image, already fetched and checked: fronts resolve URLs before a request reaches a backend. */
export interface ImagePart {
  type: 'image';
  mediaType: ImageMediaType;
  /** Base64. */
  data: string;
}

/** A call the assistant made to a client tool (in the history). */
export interface ToolCallPart {
  type: 'tool-call';
  id: string;
  name: string;
  /** The arguments, already parsed. */
  input: unknown;
}

/** A document for the model to read: a PDF, plain text, or a URL the model's provider fetches itself. */
export interface DocumentPart {
  type: 'document';
  source: { type: 'base64'; mediaType: 'application/pdf'; data: string } | { type: 'text'; text: string } | { type: 'url'; url: string };
  title: string | undefined;
  context: string | undefined;
}

/** What a client tool returned, tied to its call by id (in a user turn). */
export interface ToolResultPart {
  type: 'tool-result';
  toolCallId: string;
  name: string;
  content: Array<TextPart | ImagePart | DocumentPart>;
  /** The tool failed; `content` says how. */
  isError: boolean;
}

export type ContentPart = TextPart | ImagePart | DocumentPart | ToolCallPart | ToolResultPart;

/** A tool the client runs itself: the model may call it, the backend never executes it. */
export interface ToolDefinition {
  name: string;
  description: string | undefined;
  /** JSON Schema of the arguments object. */
  inputSchema: Record<string, unknown>;
}

/** `json`: the answer is a JSON value valid against `schema` (an object schema), and nothing else. */
export type ResponseFormat = { type: 'text' } | { type: 'json'; schema: Record<string, unknown> };

/** Whether and which client tool the model must call (`none`: it may call none of them). */
export type ToolChoice = { type: 'auto' } | { type: 'none' } | { type: 'required' } | { type: 'tool'; name: string };

/** Built-in tools of the backend (the CLI's WebSearch, WebFetch, …) a request asks for, and the field that asked. */
export interface BuiltinTools {
  names: readonly string[];
  /** Named in the 400 when the backend may not offer them, e.g. `claude_tools` or `tools[2]`. */
  param: string;
}

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
  builtinTools: BuiltinTools | undefined;
  /** Client tools; the run stops at the model's first turn that calls any of them. */
  tools: ToolDefinition[];
  toolChoice: ToolChoice;
  /** False: at most one tool call per response. */
  parallelToolCalls: boolean;
  responseFormat: ResponseFormat;
  /** The output ends before the first of these (not included). */
  stopSequences: string[];
  /** Output token limit; reaching it ends the response with finish reason `length`. */
  maxOutputTokens: number | undefined;
  /** How hard the model thinks; undefined leaves the model's default. */
  reasoningEffort: ReasoningEffort | undefined;
  /** Extended thinking: off, or a token budget; undefined leaves the model's default (adaptive where it has it). */
  thinking: Thinking | undefined;
  /** Sampling the client asked for; a backend that cannot apply one reports it (Backend.ignores). */
  sampling: Sampling;
}

export interface Sampling {
  temperature?: number | undefined;
  topP?: number | undefined;
  seed?: number | undefined;
  /** Token log probabilities asked for, with this many alternatives per token (0: the chosen token's alone). */
  logprobs?: number | undefined;
}

/** The sampling fields a request sets, by their wire name (the same in every front that has them). */
export function samplingParams(sampling: Sampling): string[] {
  const names = { temperature: 'temperature', topP: 'top_p', seed: 'seed', logprobs: 'logprobs' } as const;
  return (Object.keys(names) as Array<keyof Sampling>).filter((key) => sampling[key] !== undefined).map((key) => names[key]);
}

export type ReasoningEffort = 'low' | 'medium' | 'high' | 'xhigh' | 'max';

export type Thinking = { type: 'off' } | { type: 'budget'; tokens: number };
