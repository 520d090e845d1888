import type { FinishReason } from '../../core/model-event.js';

/** Anthropic stop reasons (as the CLI reports them in `result.stop_reason`) → the core's finish reasons. */
const finishByStopReason: ReadonlyMap<string, FinishReason> = new Map([
  ['end_turn', 'stop'],
  ['stop_sequence', 'stop'],
  ['pause_turn', 'stop'],
  ['max_tokens', 'length'],
  ['model_context_window_exceeded', 'length'],
  ['refusal', 'content-filter'],
  // the defer hook stopped the turn at the model's calls to client tools
  ['tool_deferred', 'tool-calls'],
]);

export function mapStopReason(stopReason: string | null | undefined): FinishReason {
  return (stopReason && finishByStopReason.get(stopReason)) || 'stop';
}
