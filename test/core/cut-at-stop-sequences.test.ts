import fc from 'fast-check';
import { cutAtStopSequences } from '../../src/core/cut-at-stop-sequences.js';
import type { ModelEvent } from '../../src/core/model-event.js';
import { asAsync, drain } from '../support/fixtures.js';

const usage = { inputTokens: 10, outputTokens: 0, cacheReadTokens: 0, cacheCreationTokens: 0 };
const finish: ModelEvent = { type: 'finish', reason: 'stop', raw: 'end_turn', usage: { ...usage, outputTokens: 99 }, costUsd: 0.1 };
const delta = (text: string, id = 't'): ModelEvent => ({ type: 'text-delta', id, text });
const cutFinish = (stopSequence: string, outputTokens: number, base = usage): ModelEvent => ({
  type: 'finish',
  reason: 'stop',
  raw: 'stop_sequence',
  stopSequence,
  usage: { ...base, outputTokens },
  costUsd: undefined,
});
const countChars = async (text: string) => text.length;

/** Splits text into chunks at the given cut points, as a stream would deliver it. */
function chunk(text: string, cuts: number[]): ModelEvent[] {
  const points = [...new Set(cuts.map((c) => c % (text.length + 1)))].sort((a, b) => a - b);
  const pieces = [0, ...points, text.length].flatMap((start, i, all) => (i + 1 < all.length ? [text.slice(start, all[i + 1])] : [])).filter(Boolean);
  return [{ type: 'usage', usage }, { type: 'text-start', id: 't' }, ...pieces.map((t) => delta(t)), { type: 'text-end', id: 't' }, finish];
}
const textOf = (events: ModelEvent[]) => events.flatMap((e) => (e.type === 'text-delta' ? [e.text] : [])).join('');

describe('cutAtStopSequences', () => {
  test('property: the output is the text up to the first stop sequence, however the text is chunked', async () => {
    await fc.assert(
      fc.asyncProperty(fc.string({ maxLength: 60 }), fc.array(fc.string({ minLength: 1, maxLength: 4 }), { minLength: 1, maxLength: 4 }), fc.array(fc.nat(), { maxLength: 12 }), async (text, stops, cuts) => {
        const events = await drain(cutAtStopSequences(asAsync(chunk(text, cuts)), stops, countChars));
        // The stop complete first (earliest end) wins, as a model writing left to right would meet it.
        const matches = stops.flatMap((s) => (text.includes(s) ? [{ at: text.indexOf(s), end: text.indexOf(s) + s.length, s }] : []));
        const found = matches.length > 0 ? matches.reduce((a, b) => (b.end < a.end ? b : a)) : undefined;
        const end = found ? found.at : text.length;
        expect(textOf(events)).toBe(text.slice(0, end));
        expect(events.at(-2)).toEqual({ type: 'text-end', id: 't' }); // the block is closed before the finish
        if (found) expect(events.at(-1)).toEqual(cutFinish(found.s, end));
        else expect(events.at(-1)).toBe(finish);
      }),
      { numRuns: 500 },
    );
  });

  test('property: no more text is held back than the longest stop sequence needs', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.string({ minLength: 1, maxLength: 8 }), { maxLength: 10 }), fc.array(fc.string({ minLength: 1, maxLength: 5 }), { minLength: 1, maxLength: 3 }), async (pieces, stops) => {
        fc.pre(!stops.some((s) => pieces.join('').includes(s)));
        const hold = Math.max(...stops.map((s) => s.length)) - 1;
        let fed = '';
        let out = '';
        async function* source(): AsyncGenerator<ModelEvent> {
          yield { type: 'text-start', id: 't' };
          for (const piece of pieces) {
            fed += piece;
            yield delta(piece);
          }
          yield { type: 'text-end', id: 't' };
        }
        for await (const event of cutAtStopSequences(source(), stops, countChars)) {
          if (event.type === 'text-delta') out += event.text;
          expect(fed.length - out.length).toBeLessThanOrEqual(hold + 8); // at most the hold plus the piece being read
        }
        expect(out).toBe(fed);
      }),
      { numRuns: 300 },
    );
  });

  test('a stop sequence split across chunks is caught, and nothing after it is passed on', async () => {
    const events = await drain(cutAtStopSequences(asAsync(chunk('Hello wor', [3, 7]).slice(0, -2).concat([delta('ld END'), delta('!!'), { type: 'text-end', id: 't' }, finish])), ['END'], countChars));
    expect(textOf(events)).toBe('Hello world ');
    expect(events.at(-1)).toMatchObject({ type: 'finish', reason: 'stop', raw: 'stop_sequence', stopSequence: 'END' });
  });

  test('held text is released when its block ends, and without stops nothing changes', async () => {
    const call: ModelEvent = { type: 'tool-call-start', id: 'c', name: 'f' };
    const start: ModelEvent = { type: 'text-start', id: 't' };
    const end: ModelEvent = { type: 'text-end', id: 't' };
    const events = await drain(cutAtStopSequences(asAsync([start, delta('abc'), end, call, finish]), ['xyz'], countChars));
    expect(events).toEqual([start, delta('a'), delta('bc'), end, call, finish]);
    const plain: ModelEvent[] = [start, delta('abc'), end, finish];
    expect(await drain(cutAtStopSequences(asAsync(plain), [], countChars))).toEqual(plain);
  });

  test('overlapping stops: the one complete first wins, however the text is chunked', async () => {
    for (const cuts of [[], [9], [4, 8]]) {
      const events = await drain(cutAtStopSequences(asAsync(chunk('hello world!', cuts)), ['hello world', 'wor'], countChars));
      expect(textOf(events)).toBe('hello ');
    }
  });

  test('held-back text never splits a character made of two UTF-16 units', async () => {
    const events = await drain(cutAtStopSequences(asAsync(chunk('ab😀c😀😀d', [1, 3, 5, 8])), ['xyz'], countChars));
    const deltas = events.flatMap((e) => (e.type === 'text-delta' ? [e.text] : []));
    expect(deltas.join('')).toBe('ab😀c😀😀d');
    for (const delta of deltas) expect(delta).toBe(Buffer.from(delta, 'utf8').toString('utf8')); // no lone surrogates
  });

  test('18. usage on a gateway-side stop counts the earlier calls of the turn, and estimates only the last', async () => {
    const afterFirstCall = { inputTokens: 40, outputTokens: 12, cacheReadTokens: 3, cacheCreationTokens: 0 };
    const events: ModelEvent[] = [
      { type: 'usage', usage },
      { type: 'text-start', id: 'a' },
      delta('Searching.', 'a'),
      { type: 'text-end', id: 'a' },
      { type: 'usage', usage: afterFirstCall },
      { type: 'text-start', id: 'b' },
      delta('Answer: 42 STOP and more', 'b'),
      { type: 'text-end', id: 'b' },
      finish,
    ];
    const out = await drain(cutAtStopSequences(asAsync(events), ['STOP'], countChars));
    expect(out.at(-1)).toEqual(cutFinish('STOP', 12 + 'Answer: 42 '.length, afterFirstCall));
  });
});
