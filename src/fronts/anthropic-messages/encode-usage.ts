import type { Finish, Usage } from '../../core/model-event.js';
import type { AnthropicUsage, StopReason } from '../../wire/anthropic-messages-response.js';

export function encodeUsage(usage: Usage): AnthropicUsage {
  return {
    input_tokens: usage.inputTokens,
    output_tokens: usage.outputTokens,
    cache_creation_input_tokens: usage.cacheCreationTokens,
    cache_read_input_tokens: usage.cacheReadTokens,
  };
}

/** The core's finish → Anthropic's stop reason, keeping the backend's own word where the API has the same one. */
export function mapStopReason({ reason, raw }: Finish): StopReason {
  switch (reason) {
    case 'tool-calls':
      return 'tool_use';
    case 'length':
      return raw === 'model_context_window_exceeded' ? raw : 'max_tokens';
    case 'content-filter':
      return 'refusal';
    case 'stop':
      // not pause_turn: a client continues a paused turn by sending it back, which the CLI cannot take (a prefill)
      return raw === 'stop_sequence' ? raw : 'end_turn';
    case 'other':
      return 'end_turn';
  }
}
