import type { Tiktoken } from 'tiktoken';
import { pace } from '../core/pace.js';

export interface Tokenizer {
  /** Tokens in `text` (cl100k_base); special-token text such as `<|endoftext|>` counts as the ordinary text it is. */
  count(text: string): Promise<number>;
  /** The text of token ids; throws on an id the encoding does not have. */
  decode(tokens: readonly number[]): Promise<string>;
}

/**
 * Long runs without a space cost tiktoken time quadratic in their length (seconds for 64 KB of one letter), so a
 * text is counted in slices of this many characters, cut after a space where there is one: a bounded cost each, and a
 * count at most one token per slice above the exact one.
 */
const sliceChars = 1000;

function* slices(text: string): Generator<string> {
  for (let start = 0; start < text.length; ) {
    let end = Math.min(text.length, start + sliceChars);
    if (end < text.length) {
      const space = text.lastIndexOf(' ', end);
      if (space > start) end = space;
    }
    yield text.slice(start, end);
    start = end;
  }
}

/** tiktoken's cl100k_base (what OpenAI's embedding models use), loaded on first use. */
export function createTokenizer(): Tokenizer {
  let encoding: Promise<Tiktoken> | undefined;
  const load = () => (encoding ??= import('tiktoken').then(({ get_encoding }) => get_encoding('cl100k_base')));
  return {
    async count(text) {
      const cl100k = await load();
      const step = pace(); // a long text: the event loop serves others meanwhile
      let total = 0;
      for (const slice of slices(text)) {
        total += cl100k.encode_ordinary(slice).length;
        await step();
      }
      return total;
    },
    decode: async (tokens) => new TextDecoder().decode((await load()).decode(Uint32Array.from(tokens))),
  };
}
