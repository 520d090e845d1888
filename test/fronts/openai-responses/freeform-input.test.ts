import fc from 'fast-check';
import { createFreeformInput } from '../../../src/fronts/openai-responses/freeform-input.js';

describe('a freeform tool input streamed in fragments', () => {
  test('the pieces join to the input, whatever the text and wherever the fragments split (escapes too)', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), fc.array(fc.nat(), { maxLength: 12 }), (text, cuts) => {
        const json = JSON.stringify({ input: text });
        const points = [...new Set(cuts.map((cut) => cut % (json.length + 1)))].sort((a, b) => a - b);
        const fragments = [0, ...points, json.length].slice(1).map((end, i, ends) => json.slice(i === 0 ? 0 : ends[i - 1], end));
        const input = createFreeformInput();
        const streamed = [json.slice(0, 0), ...fragments].map((fragment) => input.add(fragment)).join('');
        expect(streamed).toBe(text);
        expect(input.finish()).toBe(text);
      }),
    );
  });

  test('grows as fragments arrive, holding back an escape cut in two', () => {
    const input = createFreeformInput();
    expect(input.add('{"inp')).toBe('');
    expect(input.add('ut": "*** Begin')).toBe('*** Begin');
    expect(input.add(' Patch\\')).toBe(' Patch');
    expect(input.add('n*** End Patch"}')).toBe('\n*** End Patch');
    expect(input.finish()).toBe('*** Begin Patch\n*** End Patch');
  });

  test('arguments cut off (max tokens) give what arrived', () => {
    const input = createFreeformInput();
    input.add('{"input":"half a pat');
    expect(input.finish()).toBe('half a pat');
  });
});
