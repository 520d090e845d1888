import { pino } from 'pino';
import { createSessions } from '../../src/sessions/create-sessions.js';
import { createMemoryStore } from '../../src/store/create-memory-store.js';
import type { Backend } from '../../src/core/backend.js';
import { createModelCatalog } from '../../src/core/model-catalog.js';
import { createModelRouter } from '../../src/routing/create-model-router.js';
import { emptyRoutingFile } from '../../src/routing/routing-file-schema.js';
import { createApp, type AppDeps } from '../../src/http/create-app.js';
import { createImageFetcher } from '../../src/media/create-image-fetcher.js';
import { createTokenCounter } from '../../src/tokens/create-token-counter.js';

/** The CLI's models and the aliases the tests use. */
export const testCatalog = createModelCatalog({ defaultModel: 'sonnet', aliases: new Map([['gpt-4o', 'sonnet'], ['gpt-4o-mini', 'haiku']]) });

/** The real app with a silent logger and test-friendly defaults. */
export function createTestApp(backend: Backend, overrides: Partial<AppDeps> = {}) {
  const store = overrides.store ?? createMemoryStore({ maxBytes: 16 * 1024 * 1024 });
  return createApp({
    store,
    sessions: createSessions(store, { ttlMs: 3_600_000, maxMessages: 200, maxPerOwner: 100, lockMs: 60_000 }),
    responseTtlMs: 3_600_000,
    backend,
    router: createModelRouter({ file: emptyRoutingFile, cli: backend, catalog: testCatalog, providers: new Map() }),
    fetchImage: createImageFetcher({ maxBytes: 64 * 1024, timeoutMs: 2000, allowPrivate: false }),
    includeReasoning: false,
    countTokens: createTokenCounter(),
    logger: pino({ level: 'silent' }),
    apiKeys: [],
    allowedHosts: [],
    authFailuresPerMinute: 10,
    rateLimitPerMinute: 0,
    corsOrigins: [],
    bodyLimit: '1mb',
    bodyTimeoutMs: 5000,
    maxChoices: 8,
    trustProxy: false,
    cliSource: 'bundled',
    draining: new AbortController().signal,
    shutdownDeadline: new AbortController().signal,
    ...overrides,
  });
}
