import type { Embedder } from '../core/embedder.js';
import { createLocalEmbedder } from './local-embeddings/create-local-embedder.js';
import { createOpenAiEmbedder } from './openai-http/create-openai-embedder.js';

export interface EmbedderSettings {
  /** An OpenAI-compatible embeddings server; undefined: the bundled local model. */
  baseUrl: string | undefined;
  apiKey: string | undefined;
  /** The upstream's default model. */
  model: string | undefined;
  /** Names that mean the default model. */
  aliases: string[];
  concurrency: number;
  queueSize: number;
  /** Load the local model at start-up rather than on the first request. */
  preload: boolean;
}

/** EMBEDDINGS_BASE_URL's server when set, else the bundled model (loaded now with EMBEDDINGS_PRELOAD). */
export function openEmbedder(settings: EmbedderSettings, timeoutMs: number): Embedder & { close?(): Promise<void> } {
  if (settings.baseUrl !== undefined) {
    const model = settings.model ?? 'text-embedding-3-small';
    return createOpenAiEmbedder({ name: 'embeddings', baseUrl: settings.baseUrl, apiKey: settings.apiKey, model, timeoutMs });
  }
  const local = createLocalEmbedder();
  if (settings.preload) void local.preload().catch(() => undefined); // a failure shows on the first request
  return local;
}
