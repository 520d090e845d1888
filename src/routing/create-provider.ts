import { createOpenAiEmbedder } from '../backends/openai-http/create-openai-embedder.js';
import { createOpenAiHttpBackend } from '../backends/openai-http/create-openai-http-backend.js';
import { priceRuns } from './price-runs.js';
import type { ProviderConfig } from './routing-file-schema.js';
import type { ProviderBackend } from './start-routing.js';

/**
 * A config file's provider → its backend (`type: openai`, the one type there is), with the gateway's time limits, and
 * its /embeddings for the embedding models among its own; its runs priced by its `prices`.
 */
export const providerBackends =
  (limits: { stallTimeoutMs: number; requestTimeoutMs: number }) =>
  (provider: ProviderConfig): ProviderBackend => {
    const connection = { name: provider.name, baseUrl: provider.base_url, apiKey: provider.api_key };
    const embedder = createOpenAiEmbedder({ ...connection, model: provider.models[0] ?? '', timeoutMs: limits.requestTimeoutMs });
    const backend = priceRuns(createOpenAiHttpBackend({ ...connection, ...limits }), provider.prices);
    return { ...backend, embedder, close: async () => void (await Promise.all([backend.close(), embedder.close?.()])) };
  };
