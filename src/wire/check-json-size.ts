import { GatewayError } from '../core/errors.js';

/**
 * Far more items than a real request holds (a long agent conversation with dozens of tool schemas has some tens of
 * thousands; an image is one string), and few enough that parsing and validating them stays cheap.
 */
export const maxJsonItems = 500_000;

const quote = 0x22;
const backslash = 0x5c;
const comma = 0x2c;
const openBracket = 0x5b;
const openBrace = 0x7b;

/**
 * Refuses JSON text of more than `maxJsonItems` items (arrays and objects opened, and commas, outside strings),
 * before it is parsed: a 20 MB body of seven million numbers would otherwise become seven million values in memory,
 * and the validator an issue for each. One pass over the text, allocating nothing.
 */
export function checkJsonSize(text: string | Uint8Array, param?: string): void {
  const codeAt = typeof text === 'string' ? (i: number) => text.charCodeAt(i) : (i: number) => text[i]!;
  let items = 0;
  let inString = false;
  for (let i = 0; i < text.length; i += 1) {
    const code = codeAt(i);
    if (inString) {
      if (code === backslash) i += 1;
      else if (code === quote) inString = false;
    } else if (code === quote) inString = true;
    else if ((code === comma || code === openBracket || code === openBrace) && ++items > maxJsonItems) {
      throw new GatewayError('invalid_request', `The request holds more than ${maxJsonItems.toLocaleString('en-US')} JSON items.`, { param });
    }
  }
}
