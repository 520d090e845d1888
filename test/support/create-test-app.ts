import { pino } from 'pino';
import { createConcurrencyGate } from '../../src/core/concurrency-gate.js';
import type { Embedder } from '../../src/core/embedder.js';
import { createTokenizer } from '../../src/tokens/create-tokenizer.js';
import { createSessions } from '../../src/sessions/create-sessions.js';
import { createMemoryStore } from '../../src/store/create-memory-store.js';
import type { Backend } from '../../src/core/backend.js';
import { createModelCatalog } from '../../src/core/model-catalog.js';
import { createModelRouter } from '../../src/routing/create-model-router.js';
import { emptyRoutingFile } from '../../src/routing/routing-file-schema.js';
import { createApp, type AppDeps } from '../../src/http/create-app.js';
import { createImageFetcher } from '../../src/media/create-image-fetcher.js';
import { createMetrics } from '../../src/metrics/create-metrics.js';
import { createUsageLedger } from '../../src/usage/create-usage-ledger.js';
import { describeTools } from '../../src/backends/claude-cli/describe-tools.js';
import { loadConfig } from '../../src/config.js';
import { describeSecurity } from '../../src/describe-security.js';

/** The CLI's models and the aliases the tests use. */
export const testCatalog = createModelCatalog({ defaultModel: 'sonnet', aliases: new Map([['gpt-4o', 'sonnet'], ['gpt-4o-mini', 'haiku']]) });

/** An embedder that must not be reached (the default for tests of other endpoints). */
const noEmbedder: Embedder = {
  name: 'local',
  models: [{ id: 'use-lite-512', dimensions: 512 }],
  embed: async () => {
    throw new Error('this test app has no embedder');
  },
};

/** The embeddings a test app serves: `embedder` (none by default) with OpenAI's names as aliases, and its own queue. */
export function testEmbeddings(embedder: Embedder = noEmbedder, gate = { maxActive: 2, maxQueued: 16 }) {
  const aliases = new Map(['text-embedding-3-small', 'text-embedding-ada-002'].map((alias) => [alias, embedder.models[0]!.id]));
  return { embedder, aliases, gate: createConcurrencyGate({ ...gate, queueTimeoutMs: 30_000 }), tokenizer: createTokenizer() };
}

/** The real app with a silent logger and test-friendly defaults. */
export function createTestApp(backend: Backend, overrides: Partial<AppDeps> = {}) {
  const store = overrides.store ?? createMemoryStore({ maxBytes: 16 * 1024 * 1024 });
  return createApp({
    store,
    sessions: createSessions(store, { ttlMs: 3_600_000, maxMessages: 200, maxPerOwner: 100, lockMs: 60_000 }),
    responseTtlMs: 3_600_000,
    usage: createUsageLedger(store, { retentionDays: 90, logger: pino({ level: 'silent' }) }),
    embeddings: testEmbeddings(),
    views: { tools: describeTools({ mode: 'web', allow: [], deny: [] }), security: describeSecurity(loadConfig({}, '/nonexistent/.env')) },
    backend,
    router: createModelRouter({ file: emptyRoutingFile, cli: backend, catalog: testCatalog, providers: new Map() }),
    fetchImage: createImageFetcher({ maxBytes: 64 * 1024, timeoutMs: 2000, allowPrivate: false }),
    includeReasoning: false,
    countTokens: createTokenizer().count,
    logger: pino({ level: 'silent' }),
    apiKeys: [],
    adminApiKeys: [],
    allowedHosts: [],
    authFailuresPerMinute: 10,
    rateLimitPerMinute: 0,
    corsOrigins: [],
    bodyLimit: '1mb',
    bodyTimeoutMs: 5000,
    maxChoices: 8,
    trustProxy: false,
    cliSource: 'bundled',
    metrics: createMetrics({ cliProcesses: () => 0, queues: {} }),
    metricsRoute: { here: true, public: false },
    draining: new AbortController().signal,
    shutdownDeadline: new AbortController().signal,
    ...overrides,
  });
}
