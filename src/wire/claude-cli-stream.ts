import { z } from 'zod';

/**
 * The Claude Code CLI's `--output-format stream-json` lines (CLAUDE-CLI-PROTOCOL.md §2). Parsed leniently: objects
 * keep unknown fields, and the decoder skips line and event types it does not know, since the CLI adds new ones.
 */

const count = z.number().nullish().transform((n) => n ?? 0);

export const cliContentBlockSchema = z.looseObject({
  type: z.string(),
  text: z.string().optional(),
  thinking: z.string().optional(),
  signature: z.string().optional(),
  id: z.string().optional(),
  name: z.string().optional(),
  input: z.unknown().optional(),
});

export const cliAssistantLineSchema = z.looseObject({
  type: z.literal('assistant'),
  message: z.looseObject({ id: z.string(), model: z.string().optional(), content: z.array(cliContentBlockSchema) }),
  /** Set on the synthetic message of a failed turn: authentication_failed, rate_limit, overloaded, … (§3.1). */
  error: z.string().optional(),
});
export type CliAssistantLine = z.infer<typeof cliAssistantLineSchema>;

/** Anthropic's usage object, in `message_start` and in `result`. */
const upstreamUsageSchema = z.looseObject({
  input_tokens: count,
  output_tokens: count,
  cache_read_input_tokens: count,
  cache_creation_input_tokens: count,
});

/**
 * The `event` of a `stream_event` line: the raw Anthropic SSE payload the CLI forwards (§2.5). Only the types the
 * decoder uses are listed; any other fails this parse and is skipped.
 */
export const cliStreamEventSchema = z.discriminatedUnion('type', [
  z.looseObject({ type: z.literal('message_start'), message: z.looseObject({ id: z.string(), usage: upstreamUsageSchema.optional() }) }),
  z.looseObject({
    type: z.literal('message_delta'),
    delta: z.looseObject({ stop_reason: z.string().nullish(), stop_sequence: z.string().nullish() }),
    usage: z.looseObject({ output_tokens: count }).optional(),
  }),
  z.looseObject({
    type: z.literal('content_block_start'),
    index: z.number(),
    content_block: z.looseObject({ type: z.string(), id: z.string().optional(), name: z.string().optional() }),
  }),
  z.looseObject({ type: z.literal('content_block_stop'), index: z.number() }),
  z.looseObject({
    type: z.literal('content_block_delta'),
    index: z.number(),
    delta: z.looseObject({
      type: z.string(),
      text: z.string().optional(),
      thinking: z.string().optional(),
      signature: z.string().optional(),
      partial_json: z.string().optional(),
    }),
  }),
]);

const modelUsageSchema = z.looseObject({
  inputTokens: count,
  outputTokens: count,
  cacheReadInputTokens: count,
  cacheCreationInputTokens: count,
});

export const cliResultLineSchema = z.looseObject({
  type: z.literal('result'),
  subtype: z.string(),
  is_error: z.boolean(),
  /** The upstream HTTP status of a failed API call; null for network, timeout and local errors. */
  api_error_status: z.number().nullish(),
  result: z.string().optional(),
  stop_reason: z.string().nullish(),
  terminal_reason: z.string().optional(),
  total_cost_usd: z.number().optional(),
  usage: upstreamUsageSchema.optional(),
  /** Per-model totals; right even where `usage` is zeroed after a non-streaming fallback (§2.5). */
  modelUsage: z.record(z.string(), modelUsageSchema).optional(),
  errors: z.array(z.string()).optional(),
  /** With --json-schema: the model's answer, already validated by the CLI (§5.10). */
  structured_output: z.unknown().optional(),
});
export type CliResultLine = z.infer<typeof cliResultLineSchema>;

/** A request the CLI makes of its host over stdout, to be answered on stdin (protocol §2.13, §4.8). */
export const cliControlRequestSchema = z.looseObject({
  type: z.literal('control_request'),
  request_id: z.string(),
  request: z.looseObject({ subtype: z.string() }),
});
export type CliControlRequest = z.infer<typeof cliControlRequestSchema>;

/**
 * The subscription's usage window, which the CLI reports when it changes, on an OAuth (claude.ai) login only: the
 * API's `anthropic-ratelimit-unified-*` headers as the CLI reads them (docs/cli-rate-limits.md). Every field but the
 * status is optional, and a field of another type is dropped rather than failing the line.
 */
export const cliRateLimitLineSchema = z.looseObject({
  type: z.literal('rate_limit_event'),
  rate_limit_info: z.looseObject({
    status: z.string(),
    resetsAt: z.number().optional().catch(undefined),
    rateLimitType: z.string().optional().catch(undefined),
    utilization: z.number().optional().catch(undefined),
    overageStatus: z.string().optional().catch(undefined),
    overageResetsAt: z.number().optional().catch(undefined),
    isUsingOverage: z.boolean().optional().catch(undefined),
  }),
});
export type CliRateLimitLine = z.infer<typeof cliRateLimitLineSchema>;
