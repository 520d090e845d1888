import { z } from 'zod';

/** GET /v1/models, as both protocols' SDKs read it (OpenAI's fields and the Anthropic SDK's side by side). */

/** The Anthropic API's list parameters; OpenAI clients send none and get every model. */
export const modelListQuerySchema = z.looseObject({
  limit: z.coerce.number().int().min(1).max(1000).optional(),
  after_id: z.string().min(1).optional(),
  before_id: z.string().min(1).optional(),
});

export const modelIdParamsSchema = z.object({ id: z.string().meta({ description: 'A model id or alias, as GET /v1/models lists it.' }) });

export const modelSchema = z
  .object({
    id: z.string(),
    object: z.literal('model'),
    created: z.number().int(),
    owned_by: z.string(),
    type: z.literal('model'),
    display_name: z.string(),
    created_at: z.iso.datetime(),
    model_type: z.enum(['chat', 'embedding']).describe('What a client tells embedding models from chat models by.'),
    dimensions: z.number().int().nullable().optional().describe('Embedding models only: the vector size (null when the upstream server decides it).'),
  })
  .meta({ id: 'Model' });
export type Model = z.infer<typeof modelSchema>;

export const modelListSchema = z
  .object({
    object: z.literal('list'),
    data: z.array(modelSchema),
    has_more: z.boolean(),
    first_id: z.string().nullable(),
    last_id: z.string().nullable(),
  })
  .meta({ id: 'ModelList' });
export type ModelList = z.infer<typeof modelListSchema>;
