import { checkJsonSize, maxJsonItems } from '../../src/wire/check-json-size.js';

describe('checkJsonSize', () => {
  test('commas and brackets inside strings, escaped quotes included, are not items', () => {
    const text = JSON.stringify({ text: `a "quoted" \\ ${',[{'.repeat(maxJsonItems)}` });
    expect(() => checkJsonSize(text)).not.toThrow();
    expect(() => checkJsonSize(Buffer.from(text))).not.toThrow();
  });

  test('more items than the bound is a 400 naming the field it was given', () => {
    const text = `[${'1,'.repeat(maxJsonItems)}1]`;
    expect(() => checkJsonSize(text, 'messages[1].tool_calls[0].function.arguments')).toThrow(
      expect.objectContaining({ code: 'invalid_request', param: 'messages[1].tool_calls[0].function.arguments' }),
    );
    expect(() => checkJsonSize(Buffer.from(text))).toThrow(/more than 500,000 JSON items/);
  });
});
