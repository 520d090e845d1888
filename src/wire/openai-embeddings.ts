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
}).meta({ id: 'EmbeddingsRequest' });
export type EmbeddingsRequest = z.infer<typeof embeddingsRequestSchema>;

export const embeddingSchema = z.object({
  object: z.literal('embedding'),
  index: z.number().int(),
  embedding: z.union([z.array(z.number()), z.string()]).describe('Floats, or with `encoding_format: "base64"` little-endian float32 in base64.'),
});
export type Embedding = z.infer<typeof embeddingSchema>;

export const embeddingListSchema = z
  .object({
    object: z.literal('list'),
    data: z.array(embeddingSchema),
    model: z.string(),
    usage: z.object({ prompt_tokens: z.number().int(), total_tokens: z.number().int() }),
  })
  .meta({ id: 'EmbeddingList' });
export type EmbeddingList = z.infer<typeof embeddingListSchema>;
