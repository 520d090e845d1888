import { createOpenAiHttpBackend } from '../backends/openai-http/create-openai-http-backend.js';
import type { ProviderConfig } from './routing-file-schema.js';
import type { ProviderBackend } from './start-routing.js';

/** A config file's provider → its backend (`type: openai`, the one type there is), with the gateway's time limits. */
export const providerBackends =
  (limits: { stallTimeoutMs: number; requestTimeoutMs: number }) =>
  (provider: ProviderConfig): ProviderBackend =>
    createOpenAiHttpBackend({ name: provider.name, baseUrl: provider.base_url, apiKey: provider.api_key, ...limits });
