import type { Tiktoken } from 'tiktoken';

export interface Tokenizer {
  /** Tokens in `text` (cl100k_base). */
  count(text: string): Promise<number>;
  /** The text of token ids; throws on an id the encoding does not have. */
  decode(tokens: readonly number[]): Promise<string>;
}

/** tiktoken's cl100k_base (what OpenAI's embedding models use), loaded on first use. */
export function createTokenizer(): Tokenizer {
  let encoding: Promise<Tiktoken> | undefined;
  const load = () => (encoding ??= import('tiktoken').then(({ get_encoding }) => get_encoding('cl100k_base')));
  return {
    count: async (text) => (text ? (await load()).encode(text).length : 0),
    decode: async (tokens) => new TextDecoder().decode((await load()).decode(Uint32Array.from(tokens))),
  };
}
