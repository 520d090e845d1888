import type { ModelInfo } from '../../core/model-catalog.js';

/** One model in the OpenAI shape plus the Anthropic SDK's fields, so both clients can read the same list. */
export function encodeModel(info: ModelInfo) {
  return {
    id: info.id,
    object: 'model' as const,
    created: info.created,
    owned_by: info.embedding ? 'claude-code-gateway' : 'anthropic',
    type: 'model' as const,
    display_name: info.displayName,
    created_at: new Date(info.created * 1000).toISOString(),
    // What a client tells embedding models from chat models by.
    model_type: info.embedding ? ('embedding' as const) : ('chat' as const),
    ...(info.embedding ? { dimensions: info.embedding.dimensions ?? null } : {}),
  };
}
