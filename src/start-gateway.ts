import { pino } from 'pino';
import { createClaudeCliBackend } from './backends/claude-cli/create-claude-cli-backend.js';
import { createCliPool } from './backends/claude-cli/create-cli-pool.js';
import { encodeSpawn, type SpawnSettings } from './backends/claude-cli/encode-spawn.js';
import { limitProcesses, roomForRefill } from './backends/claude-cli/limit-processes.js';
import { createCliSpawner } from './backends/claude-cli/spawn-cli.js';
import { describeTools } from './backends/claude-cli/describe-tools.js';
import { describeSecurity } from './describe-security.js';
import { openEmbedder } from './backends/open-embedder.js';
import { checkCliAtStart } from './check-cli-at-start.js';
import { createConcurrencyGate } from './core/concurrency-gate.js';
import { createModelCatalog } from './core/model-catalog.js';
import { createQuotaTracker } from './core/quota-tracker.js';
import { createProgress, type Progress } from './create-progress.js';
import { formatDemoUsage } from './demo/format-demo-usage.js';
import { formatBanner } from './format-banner.js';
import { createApp } from './http/create-app.js';
import { createMetricsApp } from './http/create-metrics-app.js';
import { createMetrics } from './metrics/create-metrics.js';
import { meterGate } from './metrics/meter-gate.js';
import { formatKeyNotice } from './key-prompt/format-key-notice.js';
import { createImageFetcher } from './media/create-image-fetcher.js';
import { processTerminal, type Terminal } from './process-terminal.js';
import { providerBackends } from './routing/create-provider.js';
import { RoutingFileError } from './routing/load-routing-file.js';
import { startRouting } from './routing/start-routing.js';
import { stopOnSignals } from './stop-on-signals.js';
import { createSessions } from './sessions/create-sessions.js';
import { openStore } from './store/open-store.js';
import { prepareStart } from './prepare-start.js';
import { createTokenizer } from './tokens/create-tokenizer.js';
import { createUsageLedger } from './usage/create-usage-ledger.js';

/**
 * Composition root: config → backends → router → app → listen → graceful shutdown. `env` is the environment the
 * configuration is read from (the CLI entry adds its flags to it); `shown`, when given, reports the long steps of
 * start-up to someone watching; `terminal` is where a person may answer the key question and read the banner. A bad
 * configuration ends the process with exit code 1, after saying why; settles with
 * the gateway's URL once it listens.
 */
export async function startGateway(env: NodeJS.ProcessEnv, { progress: shown, terminal = processTerminal() }: { progress?: Progress; terminal?: Terminal } = {}): Promise<{ url: string }> {
  const progress = shown ?? createProgress();
  const { config, cli, text, generatedKey } = await prepareStart(env, { progress, terminal });
  const logger = pino({ level: config.logLevel });

  const gate = createConcurrencyGate({ maxActive: config.maxConcurrency, maxQueued: config.queueSize, queueTimeoutMs: config.queueTimeoutMs });
  const clis = createCliSpawner({ cliPath: cli.path, cwd: config.sandboxDir });
  // Its own slots and queue: embedding never waits for a CLI, nor a CLI for embedding.
  const embeddingsGate = createConcurrencyGate({ maxActive: config.embeddings.concurrency, maxQueued: config.embeddings.queueSize, queueTimeoutMs: config.queueTimeoutMs });
  const metrics = createMetrics({ cliProcesses: () => clis.alive, queues: { cli: gate, embeddings: embeddingsGate } });
  // The CLIs run detached (their own process groups), so they would outlive a gateway that dies: stop them on exit.
  process.on('exit', () => clis.stopAll());
  // Pre-started CLIs sit outside the gate: at most MAX_CONCURRENCY + CLI_POOL_SIZE CLIs are alive.
  const pool = createCliPool(clis.spawn, {
    size: config.cliPoolSize,
    idleMs: config.cliPoolIdleMs,
    hasRoom: roomForRefill(gate),
  });
  const spawnSettings: SpawnSettings = { toolPolicy: config.toolPolicy, maxRetries: config.cliMaxRetries, env: config.cliEnv };
  const tokenizer = createTokenizer();
  const countTokens = tokenizer.count;
  const backend = createClaudeCliBackend({
    spawn: limitProcesses(pool.spawn, meterGate(gate, 'cli', metrics)),
    cliPath: cli.path,
    sandboxDir: config.sandboxDir,
    ...spawnSettings,
    requestTimeoutMs: config.requestTimeoutMs,
    stallTimeoutMs: config.stallTimeoutMs,
    webFetchAllowPrivate: config.webFetchAllowPrivate,
    countTokens,
    quota: createQuotaTracker(),
  });
  // For someone watching only (it delays listening by a CLI start); cached, so /health asks no second time.
  if (shown) await checkCliAtStart({ backend, source: cli.source, progress: shown, output: terminal.output, text });
  const primeSpec = encodeSpawn({ model: config.defaultModel, builtinTools: undefined }, spawnSettings);
  await progress.step(text.progress.warmPool, () => pool.prime(primeSpec), () => (pool.size === 0 ? text.progress.poolOff : text.progress.poolStarting(pool.size, config.defaultModel)));
  let routing;
  try {
    routing = await startRouting({
      configFile: config.configFile,
      env,
      cli: backend,
      catalog: createModelCatalog({ defaultModel: config.defaultModel, aliases: config.modelAliases }),
      createProvider: providerBackends({ stallTimeoutMs: config.stallTimeoutMs, requestTimeoutMs: config.requestTimeoutMs }),
      logger,
      retireAfterMs: config.requestTimeoutMs,
    });
  } catch (error) {
    process.stderr.write(`claude-code-gateway: ${error instanceof RoutingFileError ? error.message : String(error)}\n`);
    process.exit(1);
  }
  const { store, limitStore } = openStore({ redisUrl: config.redisUrl, maxBytes: config.storeMaxBytes });
  // A request holds its session at most as long as it may run; a lock a crashed replica left expires after that.
  const sessions = createSessions(store, { ...config.sessions, lockMs: config.requestTimeoutMs + 30_000 });
  const embeddings = {
    ...openEmbedder(config.embeddings, config.requestTimeoutMs),
    gate: meterGate(embeddingsGate, 'embeddings', metrics),
    tokenizer,
  };
  const draining = new AbortController();
  const deadline = new AbortController();
  const app = createApp({
    backend,
    router: routing.router,
    fetchImage: createImageFetcher(config.images),
    includeReasoning: config.reasoningContent,
    countTokens,
    sessions,
    store,
    embeddings,
    views: { tools: describeTools(config.toolPolicy), security: describeSecurity(config) },
    responseTtlMs: config.responseTtlMs,
    usage: createUsageLedger(store, { retentionDays: config.usageRetentionDays, logger }),
    limitStore,
    logger,
    apiKeys: config.apiKeys,
    adminApiKeys: config.adminApiKeys,
    allowedHosts: config.allowedHosts,
    authFailuresPerMinute: config.authFailuresPerMinute,
    rateLimitPerMinute: config.rateLimitPerMinute,
    corsOrigins: config.corsOrigins,
    bodyLimit: config.bodyLimit,
    bodyTimeoutMs: config.bodyTimeoutMs,
    maxChoices: config.maxConcurrency,
    trustProxy: config.trustProxy,
    cliSource: cli.source,
    metrics,
    metricsRoute: { here: config.metrics.port === undefined, public: config.metrics.public },
    draining: draining.signal,
    shutdownDeadline: deadline.signal,
  });

  let listened: (gateway: { url: string }) => void = () => undefined;
  const listening = new Promise<{ url: string }>((resolve) => (listened = resolve));
  const server = app.listen(config.port, config.host, () => {
    const address = server.address();
    const port = typeof address === 'object' && address ? address.port : config.port;
    const url = `http://${config.host.includes(':') ? `[${config.host}]` : config.host}:${port}`;
    listened({ url });
    logger.info({ host: config.host, port, cli: cli.source, cliPath: cli.path, toolPolicy: config.toolPolicy.mode, auth: config.apiKeys.length > 0, cliPool: config.cliPoolSize, configFile: config.configFile ?? null, store: store.kind, providers: [...routing.router.providers.keys()] }, `listening on http://${config.host}:${port}/v1`);
    terminal.output.write(formatBanner(url, { keyRequired: config.apiKeys.length > 0, toolPolicy: config.toolPolicy }, text.banner));
    if (generatedKey !== undefined) terminal.output.write(formatKeyNotice(url, generatedKey, text.keyPrompt));
    if (config.demo) process.stdout.write(formatDemoUsage(url, config.apiKeys.length > 0));
  });
  const metricsServer =
    config.metrics.port === undefined
      ? undefined
      : createMetricsApp({ ...config, registry: metrics.registry, public: config.metrics.public, authFailureStore: limitStore?.('ccg:authfail:') }).listen(config.metrics.port, config.host, () => {
          logger.info({ host: config.host, port: config.metrics.port }, 'metrics on /metrics');
        });
  for (const listener of [server, metricsServer]) {
    listener?.on('error', (error) => {
      logger.fatal({ err: error }, 'cannot listen');
      process.exit(1);
    });
  }
  stopOnSignals({ server, metricsServer, draining, deadline, graceMs: config.shutdownGraceMs, logger, clis, closing: [() => pool.drain(), () => routing.close()], closingLast: [() => store.close(), () => embeddings.embedder.close?.()] });
  return listening;
}
