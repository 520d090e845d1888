import { z } from 'zod';

/**
 * Anthropic Messages API requests, as clients send them (the SDKs, Claude Code). Strict on types, lenient on what
 * is not used: unknown fields are kept (and reported), `cache_control` is accepted anywhere the API takes it.
 */

const cacheControl = z.looseObject({ type: z.string() }).nullish();

export const textBlockParamSchema = z.looseObject({ type: z.literal('text'), text: z.string(), cache_control: cacheControl });

const imageBlock = z.looseObject({
  type: z.literal('image'),
  source: z.discriminatedUnion('type', [
    z.looseObject({ type: z.literal('base64'), media_type: z.string(), data: z.string() }),
    z.looseObject({ type: z.literal('url'), url: z.string() }),
  ]),
  cache_control: cacheControl,
});

const documentBlock = z.looseObject({
  type: z.literal('document'),
  source: z.discriminatedUnion('type', [
    z.looseObject({ type: z.literal('base64'), media_type: z.literal('application/pdf', 'base64 documents must be application/pdf'), data: z.string() }),
    z.looseObject({ type: z.literal('text'), media_type: z.literal('text/plain').optional(), data: z.string() }),
    z.looseObject({ type: z.literal('url'), url: z.url({ protocol: /^https?$/ }) }),
  ]),
  title: z.string().nullish(),
  context: z.string().nullish(),
  cache_control: cacheControl,
});

const toolResultBlock = z.looseObject({
  type: z.literal('tool_result'),
  tool_use_id: z.string().min(1),
  content: z.union([z.string(), z.array(z.discriminatedUnion('type', [textBlockParamSchema, imageBlock, documentBlock]))]).optional(),
  is_error: z.boolean().optional(),
  cache_control: cacheControl,
});

const toolUseBlock = z.looseObject({
  type: z.literal('tool_use'),
  id: z.string().min(1),
  name: z.string(),
  input: z.record(z.string(), z.unknown()),
  cache_control: cacheControl,
});

const thinkingBlock = z.looseObject({ type: z.literal('thinking'), thinking: z.string(), signature: z.string().optional() });
const redactedThinkingBlock = z.looseObject({ type: z.literal('redacted_thinking'), data: z.string() });

export const contentBlockParamSchema = z.discriminatedUnion('type', [
  textBlockParamSchema,
  imageBlock,
  documentBlock,
  toolUseBlock,
  toolResultBlock,
  thinkingBlock,
  redactedThinkingBlock,
]);
export type ContentBlockParam = z.infer<typeof contentBlockParamSchema>;

export const messageParamSchema = z.looseObject({
  /** `system` inside `messages`: Claude Code sends one with its agent and skill lists. */
  role: z.enum(['user', 'assistant', 'system']),
  content: z.union([z.string(), z.array(contentBlockParamSchema)]),
});
export type MessageParam = z.infer<typeof messageParamSchema>;

/** A custom tool (`type` absent or "custom"; checked further by `customToolSchema`), or a server tool such as `web_search_20250305`. */
export const toolParamSchema = z.looseObject({ type: z.string().optional(), name: z.string() });
export type ToolParam = z.infer<typeof toolParamSchema>;

export const customToolSchema = z.looseObject({
  type: z.literal('custom').optional(),
  name: z.string().regex(/^[a-zA-Z0-9_-]{1,64}$/, 'tool names are 1–64 letters, digits, _ or -'),
  description: z.string().nullish(),
  input_schema: z.looseObject({ type: z.literal('object', 'input_schema must describe an object') }),
  cache_control: cacheControl,
});
export type CustomToolParam = z.infer<typeof customToolSchema>;

const parallel = { disable_parallel_tool_use: z.boolean().optional() };
export const toolChoiceParamSchema = z.discriminatedUnion('type', [
  z.looseObject({ type: z.literal('auto'), ...parallel }),
  z.looseObject({ type: z.literal('any'), ...parallel }),
  z.looseObject({ type: z.literal('tool'), name: z.string(), ...parallel }),
  z.looseObject({ type: z.literal('none') }),
]);
export type ToolChoiceParam = z.infer<typeof toolChoiceParamSchema>;

export const thinkingParamSchema = z.discriminatedUnion('type', [
  z.looseObject({ type: z.literal('enabled'), budget_tokens: z.number().int().min(1024, 'the API allows a thinking budget of at least 1024') }),
  z.looseObject({ type: z.literal('disabled') }),
  z.looseObject({ type: z.literal('adaptive') }),
]);
export type ThinkingParam = z.infer<typeof thinkingParamSchema>;

const stopSequence = z.string().max(1000, 'a stop sequence may be at most 1000 characters');

/** The fields of a Messages request and of a count_tokens request (which has no max_tokens). */
const requestFields = {
  model: z.string().min(1),
  messages: z.array(messageParamSchema).min(1),
  system: z.union([z.string(), z.array(textBlockParamSchema)]).optional(),
  tools: z.array(toolParamSchema).optional(),
  tool_choice: toolChoiceParamSchema.optional(),
  thinking: thinkingParamSchema.optional(),
  output_config: z
    .looseObject({
      effort: z.enum(['low', 'medium', 'high', 'xhigh', 'max']).optional(),
      format: z.looseObject({ type: z.literal('json_schema'), schema: z.looseObject({ type: z.literal('object', 'the schema must describe an object') }) }).nullish(),
    })
    .optional(),
};

export const messagesRequestSchema = z.looseObject({
  ...requestFields,
  max_tokens: z.number().int().positive(),
  stream: z.boolean().optional(),
  stop_sequences: z.array(stopSequence).max(16, 'at most 16 stop sequences').optional(),
  temperature: z.number().min(0).max(1).optional(),
  top_p: z.number().min(0).max(1).optional(),
  top_k: z.number().int().min(0).optional(),
  metadata: z.looseObject({ user_id: z.string().nullish() }).optional(),
  /** Gateway extension, read before the body is parsed (http/open-session-turn.ts); here for the document. */
  session_id: z.string().nullish().describe('Gateway extension: continue the session of this id (send only the new messages).'),
}).meta({ id: 'MessagesRequest' });
export type MessagesRequest = z.infer<typeof messagesRequestSchema>;

export const countTokensRequestSchema = z.looseObject(requestFields).meta({ id: 'CountTokensRequest' });
export type CountTokensRequest = z.infer<typeof countTokensRequestSchema>;
