import type { Usage } from '../../core/model-event.js';
import { noUsage, sumUsage } from '../../core/usage.js';
import type { CliResultLine } from '../../wire/claude-cli-stream.js';

type UpstreamUsage = NonNullable<CliResultLine['usage']>;

/** Anthropic's usage object (as in `message_start`) → the core's. */
export function decodeUpstreamUsage(usage: UpstreamUsage): Usage {
  return {
    inputTokens: usage.input_tokens,
    outputTokens: usage.output_tokens,
    cacheReadTokens: usage.cache_read_input_tokens,
    cacheCreationTokens: usage.cache_creation_input_tokens,
  };
}

/** A turn's total: per-model totals, right even where `usage` is zeroed after a non-streaming fallback (§2.5). */
export function decodeResultUsage(result: CliResultLine): Usage {
  const perModel = Object.values(result.modelUsage ?? {});
  if (perModel.length === 0) return result.usage ? decodeUpstreamUsage(result.usage) : noUsage;
  return sumUsage(
    perModel.map((m) => ({
      inputTokens: m.inputTokens,
      outputTokens: m.outputTokens,
      cacheReadTokens: m.cacheReadInputTokens,
      cacheCreationTokens: m.cacheCreationInputTokens,
    })),
  );
}
