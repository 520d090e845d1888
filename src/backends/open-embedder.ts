import type { Embedder, EmbeddingModels } from '../core/embedder.js';
import { createLocalEmbedder } from './local-embeddings/create-local-embedder.js';
import { createOpenAiEmbedder } from './openai-http/create-openai-embedder.js';

export interface EmbedderSettings {
  /** An OpenAI-compatible embeddings server; undefined: the bundled local model. */
  baseUrl: string | undefined;
  apiKey: string | undefined;
  /** The upstream's default model. */
  model: string | undefined;
  /** Names that mean the default model; undefined: OpenAI's for the bundled model, none for a server. */
  aliases: string[] | undefined;
  concurrency: number;
  queueSize: number;
  /** Load the local model at start-up rather than on the first request. */
  preload: boolean;
}

const openAiNames = ['text-embedding-3-small', 'text-embedding-3-large', 'text-embedding-ada-002'];

/**
 * EMBEDDINGS_BASE_URL's server when set, else the bundled model (loaded now with EMBEDDINGS_PRELOAD); and the names
 * that mean its default model (never the model's own name).
 */
export function openEmbedder(settings: EmbedderSettings, timeoutMs: number): EmbeddingModels {
  let embedder: Embedder;
  if (settings.baseUrl === undefined) {
    const local = createLocalEmbedder();
    if (settings.preload) void local.preload().catch(() => undefined); // a failure shows on the first request
    embedder = local;
  } else {
    const model = settings.model ?? 'text-embedding-3-small';
    embedder = createOpenAiEmbedder({ name: 'embeddings', baseUrl: settings.baseUrl, apiKey: settings.apiKey, model, timeoutMs });
  }
  const [model] = embedder.models;
  const names = settings.aliases ?? (settings.baseUrl === undefined ? openAiNames : []);
  return { embedder, aliases: new Map(names.filter((name) => name !== model!.id).map((name) => [name, model!.id])) };
}
