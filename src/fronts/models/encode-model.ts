import type { ModelInfo } from '../../core/model-catalog.js';
import type { Model } from '../../wire/models.js';

/** One model in the OpenAI shape plus the Anthropic SDK's fields, so both clients can read the same list. */
export function encodeModel(info: ModelInfo): Model {
  return {
    id: info.id,
    object: 'model',
    created: info.created,
    owned_by: info.embedding ? 'claude-code-gateway' : 'anthropic',
    type: 'model',
    display_name: info.displayName,
    created_at: new Date(info.created * 1000).toISOString(),
    model_type: info.embedding ? 'embedding' : 'chat',
    ...(info.embedding ? { dimensions: info.embedding.dimensions ?? null } : {}),
  };
}
