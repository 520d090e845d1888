import { z } from 'zod';

/** Anthropic Messages API responses, stream events and errors, as the gateway sends them. */

export const anthropicUsageSchema = z.object({
  input_tokens: z.number(),
  output_tokens: z.number(),
  cache_creation_input_tokens: z.number(),
  cache_read_input_tokens: z.number(),
});
export type AnthropicUsage = z.infer<typeof anthropicUsageSchema>;

export const stopReasonSchema = z.enum(['end_turn', 'max_tokens', 'stop_sequence', 'tool_use', 'pause_turn', 'refusal', 'model_context_window_exceeded']);
export type StopReason = z.infer<typeof stopReasonSchema>;

const textBlock = z.object({ type: z.literal('text'), text: z.string() });
const thinkingBlock = z.object({ type: z.literal('thinking'), thinking: z.string(), signature: z.string() });
const toolUseBlock = z.object({ type: z.literal('tool_use'), id: z.string(), name: z.string(), input: z.record(z.string(), z.unknown()) });
export const responseContentBlockSchema = z.discriminatedUnion('type', [textBlock, thinkingBlock, toolUseBlock]);
export type ResponseContentBlock = z.infer<typeof responseContentBlockSchema>;

export const messageSchema = z.object({
  id: z.string(),
  type: z.literal('message'),
  role: z.literal('assistant'),
  model: z.string(),
  content: z.array(responseContentBlockSchema),
  stop_reason: stopReasonSchema.nullable(),
  stop_sequence: z.string().nullable(),
  usage: anthropicUsageSchema,
}).meta({ id: 'Message' });
export type Message = z.infer<typeof messageSchema>;

/** The stream's events, each sent with an `event:` line naming its type. */
export const streamEventSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('message_start'), message: messageSchema }),
  z.object({
    type: z.literal('content_block_start'),
    index: z.number(),
    content_block: z.discriminatedUnion('type', [
      textBlock,
      thinkingBlock,
      z.object({ type: z.literal('tool_use'), id: z.string(), name: z.string(), input: z.object({}) }),
    ]),
  }),
  z.object({
    type: z.literal('content_block_delta'),
    index: z.number(),
    delta: z.discriminatedUnion('type', [
      z.object({ type: z.literal('text_delta'), text: z.string() }),
      z.object({ type: z.literal('thinking_delta'), thinking: z.string() }),
      z.object({ type: z.literal('signature_delta'), signature: z.string() }),
      z.object({ type: z.literal('input_json_delta'), partial_json: z.string() }),
    ]),
  }),
  z.object({ type: z.literal('content_block_stop'), index: z.number() }),
  z.object({
    type: z.literal('message_delta'),
    delta: z.object({ stop_reason: stopReasonSchema, stop_sequence: z.string().nullable() }),
    usage: anthropicUsageSchema,
  }),
  z.object({ type: z.literal('message_stop') }),
  z.object({ type: z.literal('ping') }),
]);
export type StreamEvent = z.infer<typeof streamEventSchema>;

export const anthropicErrorSchema = z
  .object({
    type: z.literal('error'),
    error: z.object({ type: z.string(), message: z.string() }),
    /** Anthropic's own responses carry the request id here too. */
    request_id: z.string().optional(),
  })
  .meta({ id: 'AnthropicError', description: "Anthropic's error shape; the message names the field at fault." });
export type AnthropicError = z.infer<typeof anthropicErrorSchema>;

/** What each event of a messages stream holds: the events above, or, after a failure mid-stream, an `error` event. */
export const messageStreamDataSchema = z.union([streamEventSchema, anthropicErrorSchema]).meta({ id: 'MessageStreamEvent' });

export const countTokensResponseSchema = z.object({ input_tokens: z.number() }).meta({ id: 'CountTokensResponse' });
