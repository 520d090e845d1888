import { z } from 'zod';

/** OpenAI's embeddings request: `input` as a string, strings, token ids, or arrays of token ids. */
// cl100k_base's ids (larger ones would wrap around in tiktoken's Uint32Array).
const tokenIds = z.array(z.number().int().min(0).max(100_276, 'not a cl100k_base token id'));
export const embeddingsRequestSchema = z.looseObject({
  model: z.string().min(1).optional(),
  input: z.union([z.string(), z.array(z.string()), tokenIds, z.array(tokenIds)]),
  encoding_format: z.enum(['float', 'base64']).optional(),
  dimensions: z.number().int().positive().optional(),
  user: z.string().optional(),
});
export type EmbeddingsRequest = z.infer<typeof embeddingsRequestSchema>;
