import type { FinishReason } from '../../core/model-event.js';

/** Anthropic stop reasons (as the CLI reports them in `result.stop_reason`) → the core's finish reasons. */
const finishByStopReason: ReadonlyMap<string, FinishReason> = new Map([
  ['end_turn', 'stop'],
  ['stop_sequence', 'stop'],
  ['pause_turn', 'stop'],
  // the last call was the CLI's StructuredOutput tool, which ends the turn with the answer (§5.10)
  ['tool_use', 'stop'],
  ['max_tokens', 'length'],
  ['model_context_window_exceeded', 'length'],
  ['refusal', 'content-filter'],
  // the defer hook stopped the turn at the model's calls to client tools
  ['tool_deferred', 'tool-calls'],
]);

export function mapStopReason(stopReason: string | undefined): FinishReason {
  if (!stopReason) return 'stop';
  return finishByStopReason.get(stopReason) ?? 'other';
}
