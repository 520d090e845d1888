import type { FinishReason, ModelEvent, Usage } from '../../src/core/model-event.js';

/** Builders for ModelEvent sequences: one block each, started, filled and ended. */

export const someUsage: Usage = { inputTokens: 10, outputTokens: 3, cacheReadTokens: 4, cacheCreationTokens: 1 };

export const textBlock = (text: string | string[], id = 'text_0'): ModelEvent[] => [
  { type: 'text-start', id },
  ...[text].flat().map((piece): ModelEvent => ({ type: 'text-delta', id, text: piece })),
  { type: 'text-end', id },
];

export const reasoningBlock = (text: string | string[], id = 'reasoning_0', signature?: string): ModelEvent[] => [
  { type: 'reasoning-start', id },
  ...[text].flat().map((piece): ModelEvent => ({ type: 'reasoning-delta', id, text: piece })),
  { type: 'reasoning-end', id, signature },
];

export const toolCallBlock = (id: string, name: string, fragments: string[] = []): ModelEvent[] => [
  { type: 'tool-call-start', id, name },
  ...fragments.map((argumentsDelta): ModelEvent => ({ type: 'tool-call-delta', id, argumentsDelta })),
  { type: 'tool-call-end', id },
];

export const finishEvent = (reason: FinishReason = 'stop', usage: Usage = someUsage, raw: string | undefined = undefined): ModelEvent => ({
  type: 'finish',
  reason,
  raw: raw ?? { stop: 'end_turn', length: 'max_tokens', 'tool-calls': 'tool_deferred', 'content-filter': 'refusal', other: undefined }[reason],
  usage,
  costUsd: 0.001,
});
