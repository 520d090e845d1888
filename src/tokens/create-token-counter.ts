import type { CountTokens } from '../core/cut-at-stop-sequences.js';

/**
 * An estimate of Claude's token count with tiktoken's cl100k_base (Claude's own tokenizer is not public). Loaded on
 * first use: it is needed only when the gateway itself cuts an answer short.
 */
export function createTokenCounter(): CountTokens {
  let encoder: Promise<{ encode(text: string): { length: number } }> | undefined;
  return async (text) => {
    encoder ??= import('tiktoken').then(({ get_encoding }) => get_encoding('cl100k_base'));
    return text ? (await encoder).encode(text).length : 0;
  };
}
