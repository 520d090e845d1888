import { assertNever } from './assert-never.js';
import type { FinishReason, ModelEvent, Usage } from './model-event.js';
import { GatewayError } from './errors.js';

export interface CollectedToolCall {
  id: string;
  name: string;
  /** JSON text. */
  arguments: string;
}

export interface ModelResult {
  text: string;
  toolCalls: CollectedToolCall[];
  reasoning: string;
  finishReason: FinishReason;
  usage: Usage;
  costUsd: number | undefined;
}

/** Folds a backend's events into one result, so non-streaming responses take the streaming path too. */
export async function collectResult(events: AsyncIterable<ModelEvent>): Promise<ModelResult> {
  let text = '';
  let reasoning = '';
  const toolCalls: CollectedToolCall[] = [];
  for await (const event of events) {
    switch (event.type) {
      case 'text-delta':
        text += event.text;
        break;
      case 'reasoning-delta':
        reasoning += event.text;
        break;
      case 'tool-call-start':
        toolCalls[event.index] = { id: event.id, name: event.name, arguments: '' };
        break;
      case 'tool-call-delta': {
        const call = toolCalls[event.index];
        if (call) call.arguments += event.argumentsDelta;
        break;
      }
      case 'usage':
        break;
      case 'finish':
        return { text, toolCalls: toolCalls.filter(Boolean), reasoning, finishReason: event.reason, usage: event.usage, costUsd: event.costUsd };
      default:
        assertNever(event);
    }
  }
  throw new GatewayError('upstream_error', 'The model stream ended without finishing.');
}
