import { assertNever } from './assert-never.js';
import type { Finish, ModelEvent, TokenLogprob, Usage } from './model-event.js';
import { GatewayError } from './errors.js';

export type ResultBlock =
  /** `logprobs`: present when the backend gave them. */
  | { type: 'text'; text: string; logprobs?: TokenLogprob[] }
  | { type: 'reasoning'; text: string; signature: string | undefined }
  /** `arguments` is the JSON text as the model wrote it (empty for a call without arguments). */
  | { type: 'tool-call'; id: string; name: string; arguments: string };

export interface ModelResult {
  /** The blocks in the order the model produced them. */
  content: ResultBlock[];
  finish: Finish;
  usage: Usage;
  costUsd: number | undefined;
}

/** Folds a backend's events into one result, so non-streaming responses take the streaming path too. */
export async function collectResult(events: AsyncIterable<ModelEvent>): Promise<ModelResult> {
  const content: ResultBlock[] = [];
  const byId = new Map<string, ResultBlock>();
  const start = (id: string, block: ResultBlock) => {
    content.push(block);
    byId.set(id, block);
  };
  for await (const event of events) {
    switch (event.type) {
      case 'text-start':
        start(event.id, { type: 'text', text: '' });
        break;
      case 'reasoning-start':
        start(event.id, { type: 'reasoning', text: '', signature: undefined });
        break;
      case 'tool-call-start':
        start(event.id, { type: 'tool-call', id: event.id, name: event.name, arguments: '' });
        break;
      case 'text-delta':
      case 'reasoning-delta': {
        const block = byId.get(event.id);
        if (block?.type === 'text' || block?.type === 'reasoning') block.text += event.text;
        if (block?.type === 'text' && event.type === 'text-delta' && event.logprobs) (block.logprobs ??= []).push(...event.logprobs);
        break;
      }
      case 'tool-call-delta': {
        const block = byId.get(event.id);
        if (block?.type === 'tool-call') block.arguments += event.argumentsDelta;
        break;
      }
      case 'reasoning-end': {
        const block = byId.get(event.id);
        if (block?.type === 'reasoning') block.signature = event.signature;
        break;
      }
      case 'text-end':
      case 'tool-call-end':
      case 'usage':
        break;
      case 'finish':
        return { content, finish: { reason: event.reason, raw: event.raw, stopSequence: event.stopSequence }, usage: event.usage, costUsd: event.costUsd };
      default:
        assertNever(event);
    }
  }
  throw new GatewayError('upstream_error', 'The model stream ended without finishing.');
}
