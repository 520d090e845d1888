import { z } from 'zod';
import { functionDefinitionSchema } from './openai-chat.js';

/** OpenAI Responses API request, as clients send it. Strict on types; unknown fields are kept and reported. */

const part = z.looseObject({ type: z.string() });
const content = z.union([z.string(), z.array(part)]);
const output = z.union([z.string(), z.array(part)]);

export const messageItemSchema = z.looseObject({
  type: z.literal('message').optional(),
  role: z.enum(['user', 'assistant', 'system', 'developer']),
  content,
});
export const functionCallItemSchema = z.looseObject({
  type: z.literal('function_call'),
  call_id: z.string().min(1),
  name: z.string().min(1),
  arguments: z.string(),
  namespace: z.string().nullish(),
});
export const customToolCallItemSchema = z.looseObject({
  type: z.literal('custom_tool_call'),
  call_id: z.string().min(1),
  name: z.string().min(1),
  input: z.string(),
  namespace: z.string().nullish(),
});
export const toolOutputItemSchema = z.looseObject({
  type: z.enum(['function_call_output', 'custom_tool_call_output']),
  call_id: z.string().min(1),
  output,
});
export type MessageItem = z.infer<typeof messageItemSchema>;
export type FunctionCallItem = z.infer<typeof functionCallItemSchema>;
export type CustomToolCallItem = z.infer<typeof customToolCallItemSchema>;
export type ToolOutputItem = z.infer<typeof toolOutputItemSchema>;
export type InputPart = z.infer<typeof part>;

/** Items are checked one by one by their type (fronts/openai-responses/decode-input.ts), so a bad one is named by its own field. */
export const inputItemSchema = z.looseObject({ type: z.string().optional(), role: z.string().optional() });

export const functionToolSchema = functionDefinitionSchema.extend({ type: z.literal('function'), strict: z.boolean().nullish() });
export const customToolSchema = z.looseObject({
  type: z.literal('custom'),
  name: functionDefinitionSchema.shape.name,
  description: z.string().nullish(),
  format: z.looseObject({ type: z.string(), syntax: z.string().optional(), definition: z.string().optional() }).nullish(),
});
export const namespaceToolSchema = z.looseObject({
  type: z.literal('namespace'),
  name: functionDefinitionSchema.shape.name,
  description: z.string().nullish(),
  tools: z.array(z.looseObject({ type: z.string() })),
});
export type FunctionToolParam = z.infer<typeof functionToolSchema>;
export type CustomToolParam = z.infer<typeof customToolSchema>;

const textFormat = z.discriminatedUnion('type', [
  z.looseObject({ type: z.literal('text') }),
  z.looseObject({ type: z.literal('json_object') }),
  z.looseObject({
    type: z.literal('json_schema'),
    name: z.string().optional(),
    schema: z.record(z.string(), z.unknown()),
    strict: z.boolean().nullish(),
  }),
]);

const toolChoice = z.union([
  z.enum(['none', 'auto', 'required']),
  z.looseObject({ type: z.enum(['function', 'custom']), name: z.string() }),
  z.looseObject({
    type: z.literal('allowed_tools'),
    mode: z.enum(['auto', 'required']),
    tools: z.array(z.looseObject({ type: z.string(), name: z.string().optional() })),
  }),
  // A built-in tool by its type; a malformed allowed_tools is not one.
  z.looseObject({ type: z.string().refine((type) => type !== 'allowed_tools', 'allowed_tools needs a mode (auto or required) and tools') }),
]);

export const responsesRequestSchema = z.looseObject({
  model: z.string().min(1).optional(),
  input: z.union([z.string(), z.array(inputItemSchema)]).optional(),
  instructions: z.string().nullish(),
  tools: z.array(z.looseObject({ type: z.string() })).nullish(),
  tool_choice: toolChoice.nullish(),
  parallel_tool_calls: z.boolean().nullish(),
  text: z.looseObject({ format: textFormat.nullish(), verbosity: z.string().nullish() }).nullish(),
  max_output_tokens: z.number().int().positive().nullish(),
  reasoning: z
    .looseObject({
      effort: z.enum(['none', 'minimal', 'low', 'medium', 'high', 'xhigh']).nullish(),
      summary: z.enum(['auto', 'concise', 'detailed']).nullish(),
      generate_summary: z.enum(['auto', 'concise', 'detailed']).nullish(),
    })
    .nullish(),
  metadata: z
    .record(z.string().max(64, 'metadata keys are at most 64 characters'), z.string().max(512, 'metadata values are at most 512 characters'))
    .refine((value) => Object.keys(value).length <= 16, 'at most 16 metadata keys')
    .nullish(),
  store: z.boolean().nullish(),
  previous_response_id: z.string().min(1).nullish(),
  stream: z.boolean().nullish(),
  temperature: z.number().min(0).max(2).nullish(),
  top_p: z.number().min(0).max(1).nullish(),
  include: z.array(z.string()).nullish(),
  background: z.boolean().nullish(),
  conversation: z.unknown().optional(),
}).meta({ id: 'ResponsesRequest' });
export type ResponsesRequest = z.infer<typeof responsesRequestSchema>;

/** What GET /v1/responses/{id}/input_items takes. */
export const inputItemsQuerySchema = z.looseObject({
  limit: z.coerce.number().int().min(1).max(100).default(20),
  order: z.enum(['asc', 'desc']).default('desc'),
  after: z.string().optional(),
  before: z.string().optional(),
});
