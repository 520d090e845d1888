import { z } from 'zod';

/** OpenAI Responses API responses, stream events and stored-response answers, as the gateway sends them. */

export const itemStatusSchema = z.enum(['in_progress', 'completed', 'incomplete']);
export type ItemStatus = z.infer<typeof itemStatusSchema>;

export const outputTextSchema = z.object({ type: z.literal('output_text'), text: z.string(), annotations: z.array(z.never()), logprobs: z.array(z.never()) });
export type OutputText = z.infer<typeof outputTextSchema>;
const summaryText = z.object({ type: z.literal('summary_text'), text: z.string() });

const call = { id: z.string(), call_id: z.string(), name: z.string(), status: itemStatusSchema, namespace: z.string().optional() };
/** An output item as the response carries it (`output[]`), and as later requests may send it back. */
export const outputItemSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('message'), id: z.string(), status: itemStatusSchema, role: z.literal('assistant'), content: z.array(outputTextSchema) }),
  z.object({ type: z.literal('reasoning'), id: z.string(), summary: z.array(summaryText), encrypted_content: z.string().nullable().optional() }),
  z.object({ type: z.literal('function_call'), ...call, arguments: z.string() }),
  z.object({ type: z.literal('custom_tool_call'), ...call, input: z.string() }),
]);
export type OutputItem = z.infer<typeof outputItemSchema>;

export const responseUsageSchema = z.object({
  input_tokens: z.number(),
  input_tokens_details: z.object({ cached_tokens: z.number() }),
  output_tokens: z.number(),
  output_tokens_details: z.object({ reasoning_tokens: z.number() }),
  total_tokens: z.number(),
});
export type ResponseUsage = z.infer<typeof responseUsageSchema>;

export const responseObjectSchema = z
  .object({
    id: z.string(),
    object: z.literal('response'),
    created_at: z.number(),
    status: z.enum(['in_progress', 'completed', 'incomplete', 'failed']),
    completed_at: z.number().nullable(),
    error: z.object({ code: z.string(), message: z.string() }).nullable(),
    incomplete_details: z.object({ reason: z.enum(['max_output_tokens', 'content_filter']) }).nullable(),
    instructions: z.string().nullable(),
    max_output_tokens: z.number().nullable(),
    model: z.string(),
    output: z.array(outputItemSchema),
    parallel_tool_calls: z.boolean(),
    previous_response_id: z.string().nullable(),
    reasoning: z.object({ effort: z.string().nullable(), summary: z.string().nullable() }),
    store: z.boolean(),
    temperature: z.number().nullable(),
    text: z.object({ format: z.record(z.string(), z.unknown()) }),
    tool_choice: z.unknown(),
    tools: z.array(z.unknown()),
    top_p: z.number().nullable(),
    truncation: z.literal('disabled'),
    usage: responseUsageSchema.nullable(),
    metadata: z.record(z.string(), z.string()),
  })
  .meta({ id: 'Response' });
export type ResponseObject = z.infer<typeof responseObjectSchema>;

/** The stream's events, each sent with an `event:` line naming its type and numbered by `sequence_number`. */
const event = <T extends string, S extends z.ZodRawShape>(type: T, shape: S) => z.object({ type: z.literal(type), sequence_number: z.number().int(), ...shape });
const inItem = { item_id: z.string(), output_index: z.number().int() };
const inPart = { ...inItem, content_index: z.number().int() };
const inSummary = { ...inItem, summary_index: z.number().int() };
const itemAt = { output_index: z.number().int(), item: outputItemSchema };
export const responseStreamEventSchema = z
  .discriminatedUnion('type', [
    event('response.created', { response: responseObjectSchema }),
    event('response.in_progress', { response: responseObjectSchema }),
    event('response.completed', { response: responseObjectSchema }),
    event('response.incomplete', { response: responseObjectSchema }),
    event('response.failed', { response: responseObjectSchema }),
    event('response.output_item.added', itemAt),
    event('response.output_item.done', itemAt),
    event('response.content_part.added', { ...inPart, part: outputTextSchema }),
    event('response.content_part.done', { ...inPart, part: outputTextSchema }),
    event('response.output_text.delta', { ...inPart, delta: z.string(), logprobs: z.array(z.never()) }),
    event('response.output_text.done', { ...inPart, text: z.string(), logprobs: z.array(z.never()) }),
    event('response.reasoning_summary_part.added', { ...inSummary, part: summaryText }),
    event('response.reasoning_summary_part.done', { ...inSummary, part: summaryText }),
    event('response.reasoning_summary_text.delta', { ...inSummary, delta: z.string() }),
    event('response.reasoning_summary_text.done', { ...inSummary, text: z.string() }),
    event('response.function_call_arguments.delta', { ...inItem, delta: z.string() }),
    event('response.function_call_arguments.done', { ...inItem, name: z.string(), arguments: z.string() }),
    event('response.custom_tool_call_input.delta', { ...inItem, delta: z.string() }),
    event('response.custom_tool_call_input.done', { ...inItem, input: z.string() }),
    /** A failure after the start: it follows `response.failed`. */
    event('error', { code: z.string().nullable(), message: z.string(), param: z.string().nullable() }),
  ])
  .meta({ id: 'ResponseStreamEvent' });
export type ResponseStreamEvent = z.infer<typeof responseStreamEventSchema>;

/** GET /v1/responses/{id}/input_items: the request's input items, each given an id when it was stored. */
export const inputItemListSchema = z
  .object({
    object: z.literal('list'),
    data: z.array(z.looseObject({ id: z.string() })),
    first_id: z.string().nullable(),
    last_id: z.string().nullable(),
    has_more: z.boolean(),
  })
  .meta({ id: 'InputItemList' });

export const responseDeletedSchema = z.object({ id: z.string(), object: z.literal('response.deleted'), deleted: z.literal(true) }).meta({ id: 'ResponseDeleted' });

export const responseIdParamsSchema = z.object({ id: z.string().describe('A stored response id (resp_…), of this API key.') });
