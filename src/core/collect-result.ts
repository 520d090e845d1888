import { assertNever } from './assert-never.js';
import type { FinishReason, ModelEvent, Usage } from './model-event.js';
import { GatewayError } from './errors.js';

export interface ModelResult {
  text: string;
  reasoning: string;
  finishReason: FinishReason;
  usage: Usage;
  costUsd: number | undefined;
}

/** Folds a backend's events into one result, so non-streaming responses take the streaming path too. */
export async function collectResult(events: AsyncIterable<ModelEvent>): Promise<ModelResult> {
  let text = '';
  let reasoning = '';
  for await (const event of events) {
    switch (event.type) {
      case 'text-delta':
        text += event.text;
        break;
      case 'reasoning-delta':
        reasoning += event.text;
        break;
      case 'finish':
        return { text, reasoning, finishReason: event.reason, usage: event.usage, costUsd: event.costUsd };
      default:
        assertNever(event);
    }
  }
  throw new GatewayError('upstream_error', 'The model stream ended without finishing.');
}
