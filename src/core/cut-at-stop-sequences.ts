import type { ModelEvent, Usage } from './model-event.js';
import { noUsage } from './usage.js';

/** Counts the tokens of a text (an estimate is fine: it only prices an output the model was stopped in). */
export type CountTokens = (text: string) => Promise<number>;

/**
 * Ends the text at the first stop sequence, which is not included, and finishes with reason `stop` there; stopping
 * early also stops the backend. Text is held back only as long as it could still be the start of a stop sequence
 * (at most the longest one's length less one character), so a stream is delayed by no more than that.
 */
export function cutAtStopSequences(events: AsyncIterable<ModelEvent>, stops: readonly string[], countTokens: CountTokens): AsyncIterable<ModelEvent> {
  // Without stops the events pass untouched: no extra step per event.
  return stops.length === 0 ? events : cut(events, stops, countTokens);
}

async function* cut(events: AsyncIterable<ModelEvent>, stops: readonly string[], countTokens: CountTokens): AsyncGenerator<ModelEvent> {
  const hold = Math.max(...stops.map((stop) => stop.length)) - 1;
  let pending = ''; // text of the open block held back: it could still be the start of a stop sequence
  let usage: Usage = noUsage;
  // Text of the model call in progress: its output tokens are estimated from it (earlier calls' are in `usage`).
  let releasedThisCall = '';
  const release = (id: string, text: string): ModelEvent => {
    releasedThisCall += text;
    return { type: 'text-delta', id, text };
  };

  for await (const event of events) {
    if (event.type === 'usage') {
      usage = event.usage;
      releasedThisCall = '';
    }
    if (event.type === 'text-end' && pending) {
      // A stop sequence does not span blocks: the model stops within the text it is writing.
      yield release(event.id, pending);
      pending = '';
    }
    if (event.type !== 'text-delta') {
      yield event;
      continue;
    }
    pending += event.text;
    const found = firstStop(pending, stops);
    if (found) {
      if (found.at > 0) yield release(event.id, pending.slice(0, found.at));
      yield { type: 'text-end', id: event.id };
      const outputTokens = usage.outputTokens + (await countTokens(releasedThisCall));
      yield { type: 'finish', reason: 'stop', raw: 'stop_sequence', stopSequence: found.stop, usage: { ...usage, outputTokens }, costUsd: undefined };
      return;
    }
    let safe = pending.length - hold;
    if (isHighSurrogate(pending.charCodeAt(safe - 1))) safe -= 1; // never split a character in two
    if (safe > 0) {
      yield release(event.id, pending.slice(0, safe));
      pending = pending.slice(safe);
    }
  }
}

/** Where to cut: the stop sequence that is complete first, as a model generating left to right meets it. */
function firstStop(text: string, stops: readonly string[]): { at: number; stop: string } | undefined {
  let found: { at: number; stop: string } | undefined;
  let end = Infinity;
  for (const stop of stops) {
    const at = text.indexOf(stop);
    if (at >= 0 && at + stop.length < end) {
      end = at + stop.length;
      found = { at, stop };
    }
  }
  return found;
}

const isHighSurrogate = (code: number) => code >= 0xd800 && code <= 0xdbff;
