import { z } from 'zod';

/** OpenAI Chat Completions request, as clients send it. Strict on types; unknown fields are kept and reported. */

const contentPart = z.looseObject({ type: z.string() });

/** Image parts: OpenAI's `image_url`, and Anthropic's base64 `image` block (Cursor sends those). */
export const imageUrlPartSchema = z.looseObject({ type: z.literal('image_url'), image_url: z.looseObject({ url: z.string() }) });
export const base64ImagePartSchema = z.looseObject({
  type: z.literal('image'),
  source: z.looseObject({ type: z.literal('base64'), media_type: z.string().optional(), data: z.string() }),
});
const content = z.union([z.string(), z.array(contentPart)]);

const stopSequence = z.string().max(1000, 'a stop sequence may be at most 1000 characters');

const functionName = z.string().regex(/^[a-zA-Z0-9_-]{1,64}$/, 'function names are 1–64 letters, digits, _ or -');
export const functionDefinitionSchema = z.looseObject({
  name: functionName,
  description: z.string().nullish(),
  parameters: z.record(z.string(), z.unknown()).nullish(),
});
export type FunctionDefinition = z.infer<typeof functionDefinitionSchema>;
const functionCall = z.looseObject({ name: z.string(), arguments: z.string() });
export const toolCallParamSchema = z.looseObject({ id: z.string().min(1), type: z.literal('function').optional(), function: functionCall });

export const chatMessageSchema = z.discriminatedUnion('role', [
  z.looseObject({ role: z.literal('system'), content }),
  z.looseObject({ role: z.literal('developer'), content }),
  z.looseObject({ role: z.literal('user'), content }),
  z.looseObject({
    role: z.literal('assistant'),
    content: content.nullish(),
    tool_calls: z.array(toolCallParamSchema).nullish(),
    function_call: functionCall.nullish(),
  }),
  z.looseObject({ role: z.literal('tool'), content, tool_call_id: z.string() }),
  z.looseObject({ role: z.literal('function'), content: z.string().nullable(), name: z.string() }),
]);
export type ChatMessageParam = z.infer<typeof chatMessageSchema>;
export type ContentPartParam = z.infer<typeof contentPart>;

export const chatCompletionRequestSchema = z.looseObject({
  model: z.string().min(1).optional(),
  messages: z.array(chatMessageSchema).min(1),
  stream: z.boolean().nullish(),
  stream_options: z.looseObject({ include_usage: z.boolean().optional() }).nullish(),
  /** Each choice is a CLI process of its own (~200 MB), hence a lower cap than OpenAI's 128. */
  n: z.number().int().min(1).max(8, 'at most 8 choices per request').nullish(),
  temperature: z.number().min(0).max(2).nullish(),
  top_p: z.number().min(0).max(1).nullish(),
  seed: z.number().int().nullish(),
  logprobs: z.boolean().nullish(),
  top_logprobs: z.number().int().min(0).max(20).nullish(),
  max_tokens: z.number().int().positive().nullish(),
  max_completion_tokens: z.number().int().positive().nullish(),
  /** Each at most 1,000 characters: a stream holds back up to the longest one's length, and they travel in the CLI's environment. */
  stop: z.union([stopSequence, z.array(stopSequence).max(4)]).nullish(),
  tools: z.array(z.looseObject({ type: z.literal('function'), function: functionDefinitionSchema })).nullish(),
  functions: z.array(functionDefinitionSchema).nullish(),
  tool_choice: z
    .union([
      z.enum(['none', 'auto', 'required']),
      z.looseObject({ type: z.literal('function'), function: z.looseObject({ name: z.string() }) }),
      // Anthropic's shape, which Cursor sends
      z.looseObject({ type: z.enum(['auto', 'any', 'tool', 'none']), name: z.string().optional() }),
    ])
    .nullish(),
  function_call: z.union([z.enum(['none', 'auto']), z.looseObject({ name: z.string() })]).nullish(),
  parallel_tool_calls: z.boolean().nullish(),
  /** OpenAI's values, and the CLI's own `xhigh` and `max`. */
  reasoning_effort: z.enum(['none', 'minimal', 'low', 'medium', 'high', 'xhigh', 'max']).nullish(),
  /** Asks for the model's thinking as `reasoning_content` (OpenRouter's switch). */
  include_reasoning: z.boolean().nullish(),
  response_format: z
    .discriminatedUnion('type', [
      z.looseObject({ type: z.literal('text') }),
      z.looseObject({ type: z.literal('json_object') }),
      z.looseObject({
        type: z.literal('json_schema'),
        json_schema: z.looseObject({
          name: z.string().optional(),
          schema: z.looseObject({ type: z.literal('object', 'the schema must describe an object') }),
          strict: z.boolean().nullish(),
        }),
      }),
    ])
    .nullish(),
  /** Gateway extension: narrows the configured built-in tool policy for this request. */
  claude_tools: z.array(z.string().regex(/^[A-Za-z][A-Za-z0-9_]*$/)).nullish().describe('Gateway extension: the built-in CLI tools this request may use, within the configured tool policy.'),
  /** Gateway extension, read before the body is parsed (http/open-session-turn.ts); here for the document. */
  session_id: z.string().nullish().describe('Gateway extension: continue the session of this id (send only the new messages).'),
}).meta({ id: 'ChatCompletionRequest' });
export type ChatCompletionRequest = z.infer<typeof chatCompletionRequestSchema>;

/** Responses, as the gateway sends them. */

export const chatUsageSchema = z.object({
  prompt_tokens: z.number(),
  completion_tokens: z.number(),
  total_tokens: z.number(),
  prompt_tokens_details: z.object({ cached_tokens: z.number() }),
});
export type ChatUsage = z.infer<typeof chatUsageSchema>;

export const finishReasonSchema = z.enum(['stop', 'length', 'tool_calls', 'content_filter', 'function_call']);
export type ChatFinishReason = z.infer<typeof finishReasonSchema>;

const toolCallSchema = z.object({
  id: z.string(),
  type: z.literal('function'),
  function: z.object({ name: z.string(), arguments: z.string() }),
});
/** The first delta of a call carries id, type and name; later ones only argument fragments. */
const toolCallDeltaSchema = z.object({
  index: z.number(),
  id: z.string().optional(),
  type: z.literal('function').optional(),
  function: z.object({ name: z.string().optional(), arguments: z.string() }),
});

/** What a completion and each of its chunks share. */
const envelope = { id: z.string(), created: z.number(), model: z.string(), system_fingerprint: z.null() };
const tokenLogprob = { token: z.string(), logprob: z.number(), bytes: z.array(z.number()).nullable() };
/** Null unless the request asked for `logprobs` and the model's backend has them. */
const choice = {
  index: z.number(),
  logprobs: z.object({ content: z.array(z.object({ ...tokenLogprob, top_logprobs: z.array(z.object(tokenLogprob)) })) }).nullable(),
};

export const chatCompletionSchema = z.object({
  ...envelope,
  object: z.literal('chat.completion'),
  choices: z.array(
    z.object({
      ...choice,
      message: z.object({
        role: z.literal('assistant'),
        content: z.string().nullable(),
        refusal: z.null(),
        tool_calls: z.array(toolCallSchema).optional(),
        function_call: z.object({ name: z.string(), arguments: z.string() }).optional(),
        /** The model's thinking, where asked for (the field DeepSeek, vLLM and OpenRouter clients read). */
        reasoning_content: z.string().optional(),
      }),
      finish_reason: finishReasonSchema,
    }),
  ),
  usage: chatUsageSchema,
}).meta({ id: 'ChatCompletion' });
export type ChatCompletion = z.infer<typeof chatCompletionSchema>;

export const chatCompletionChunkSchema = z.object({
  ...envelope,
  object: z.literal('chat.completion.chunk'),
  choices: z.array(
    z.object({
      ...choice,
      delta: z.object({
        role: z.literal('assistant').optional(),
        content: z.string().optional(),
        tool_calls: z.array(toolCallDeltaSchema).optional(),
        function_call: z.object({ name: z.string().optional(), arguments: z.string() }).optional(),
        reasoning_content: z.string().optional(),
      }),
      finish_reason: finishReasonSchema.nullable(),
    }),
  ),
  usage: chatUsageSchema.nullable().optional(),
}).meta({ id: 'ChatCompletionChunk' });
export type ChatCompletionChunk = z.infer<typeof chatCompletionChunkSchema>;

export const openAiErrorSchema = z
  .object({
    error: z.object({ message: z.string(), type: z.string(), param: z.string().nullable(), code: z.string().nullable() }),
  })
  .meta({ id: 'OpenAIError', description: "OpenAI's error shape; `code` is the gateway's own (README: Errors)." });
export type OpenAiError = z.infer<typeof openAiErrorSchema>;

/** What each `data:` line of a chat stream holds: a chunk, or, after a failure mid-stream, an error; then `[DONE]`. */
export const chatStreamDataSchema = z.union([chatCompletionChunkSchema, openAiErrorSchema]).meta({ id: 'ChatCompletionStreamData' });
