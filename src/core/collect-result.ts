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

/** Folds events into a result as they pass: `add` returns the result once the `finish` event arrives. */
export function createResultFolder(): { add(event: ModelEvent): ModelResult | undefined } {
  const content: ResultBlock[] = [];
  const byId = new Map<string, ResultBlock>();
  const start = (id: string, block: ResultBlock) => {
    content.push(block);
    byId.set(id, block);
  };
  return {
    add(event) {
      switch (event.type) {
        case 'text-start':
          return void start(event.id, { type: 'text', text: '' });
        case 'reasoning-start':
          return void start(event.id, { type: 'reasoning', text: '', signature: undefined });
        case 'tool-call-start':
          return void start(event.id, { type: 'tool-call', id: event.id, name: event.name, arguments: '' });
        case 'text-delta':
        case 'reasoning-delta': {
          const block = byId.get(event.id);
          if (block?.type === 'text' || block?.type === 'reasoning') block.text += event.text;
          if (block?.type === 'text' && event.type === 'text-delta' && event.logprobs) (block.logprobs ??= []).push(...event.logprobs);
          return undefined;
        }
        case 'tool-call-delta': {
          const block = byId.get(event.id);
          if (block?.type === 'tool-call') block.arguments += event.argumentsDelta;
          return undefined;
        }
        case 'reasoning-end': {
          const block = byId.get(event.id);
          if (block?.type === 'reasoning') block.signature = event.signature;
          return undefined;
        }
        case 'text-end':
        case 'tool-call-end':
        case 'usage':
          return undefined;
        case 'finish':
          return { content, finish: { reason: event.reason, raw: event.raw, stopSequence: event.stopSequence }, usage: event.usage, costUsd: event.costUsd };
        default:
          return assertNever(event);
      }
    },
  };
}

/** Folds a backend's events into one result, so non-streaming responses take the streaming path too. */
export async function collectResult(events: AsyncIterable<ModelEvent>): Promise<ModelResult> {
  const folder = createResultFolder();
  for await (const event of events) {
    const result = folder.add(event);
    if (result) return result;
  }
  throw new GatewayError('upstream_error', 'The model stream ended without finishing.');
}

/**
 * The events as they are, with `onResult` awaited on the whole result before the `finish` event passes on: what
 * keeps a conversation (a session, a stored response) records the answer before the client hears it is complete.
 */
export async function* tapResult(events: AsyncIterable<ModelEvent>, onResult: (result: ModelResult) => Promise<void>): AsyncGenerator<ModelEvent> {
  const folder = createResultFolder();
  for await (const event of events) {
    const result = folder.add(event);
    if (result) await onResult(result);
    yield event;
  }
}
