import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import OpenAI from 'openai';
import { createClaudeCliBackend, type ClaudeCliBackendOptions } from '../../src/backends/claude-cli/create-claude-cli-backend.js';
import { createCliPool, type CliPool } from '../../src/backends/claude-cli/create-cli-pool.js';
import { encodeSpawn } from '../../src/backends/claude-cli/encode-spawn.js';
import { limitProcesses, roomForRefill } from '../../src/backends/claude-cli/limit-processes.js';
import { createCliSpawner, type SpawnCli } from '../../src/backends/claude-cli/spawn-cli.js';
import { createConcurrencyGate, type ConcurrencyGate } from '../../src/core/concurrency-gate.js';
import type { AppDeps } from '../../src/http/create-app.js';
import { createImageFetcher } from '../../src/media/create-image-fetcher.js';
import { providerBackends } from '../../src/routing/create-provider.js';
import { startRouting, type Routing } from '../../src/routing/start-routing.js';
import { createTestApp, testCatalog } from './create-test-app.js';
import { bundledCliPath, cliEnvFor, makeCliDirs } from './cli-under-test.js';
import { startFakeAnthropic, type FakeAnthropic } from './fake-anthropic.js';
import { createTokenizer } from '../../src/tokens/create-tokenizer.js';
import { createQuotaTracker } from '../../src/core/quota-tracker.js';
import { eventually, exists } from './proc.js';

export interface GatewayUnderTest {
  url: string;
  client: OpenAI;
  upstream: FakeAnthropic;
  /** Pids of the CLIs that served requests, in order (pooled or cold). */
  pids: number[];
  /** Pids of every CLI the gateway started, the pool's included. */
  allPids: number[];
  pool: CliPool;
  routing: Routing;
  /** What the routing logged as errors (a config file reload refused). */
  routingErrors: string[];
  /** The CLI's working directory. */
  sandbox: string;
  /** The CLI concurrency gate (MAX_CONCURRENCY, QUEUE_SIZE). */
  gate: ConcurrencyGate;
  shutdownDeadline: AbortController;
  close(): Promise<void>;
}

export interface GatewayOptions extends Partial<Omit<ClaudeCliBackendOptions, 'spawn'>> {
  loggedIn?: boolean;
  /** Log the CLI in as a subscription would (an OAuth token, not an API key): it then reports its rate limits. */
  subscription?: boolean;
  maxConcurrency?: number;
  queueSize?: number;
  /**
   * Pre-started CLIs; by default `CLI_POOL_SIZE_UNDER_TEST`, else 1 (npm test runs the e2e suites with 0 too), primed
   * for sonnet as `npm start` primes for its default model, so that requests run on pre-started processes.
   */
  poolSize?: number;
  poolIdleMs?: number;
  /** A config file (providers, models, router, overrides), followed as `npm start` follows CONFIG_FILE. */
  configFile?: string;
  /** Wraps the spawner of real CLIs, under the pool (a test's way to break a process). */
  wrapSpawn?: (spawn: SpawnCli) => SpawnCli;
  app?: Partial<AppDeps>;
}

/** The pool size the suite runs with. */
export const poolSizeUnderTest = Number(process.env.CLI_POOL_SIZE_UNDER_TEST ?? 1);

/** The real app and claude-cli backend, running the bundled CLI against a fresh fake upstream. */
export async function startGateway({
  loggedIn,
  subscription = false,
  maxConcurrency = 4,
  queueSize = 32,
  poolSize: givenPoolSize,
  poolIdleMs = 600_000,
  wrapSpawn = (spawn) => spawn,
  configFile,
  app: appOptions,
  ...options
}: GatewayOptions = {}): Promise<GatewayUnderTest> {
  const poolSize = givenPoolSize ?? poolSizeUnderTest;
  const upstream = await startFakeAnthropic();
  const { home, sandbox } = makeCliDirs();
  const pids: number[] = [];
  const routingErrors: string[] = [];
  const allPids: number[] = [];
  const shutdownDeadline = new AbortController();
  const cliPath = options.cliPath ?? bundledCliPath;
  const gate = createConcurrencyGate({ maxActive: maxConcurrency, maxQueued: queueSize, queueTimeoutMs: 30_000 });
  const clis = createCliSpawner({ cliPath, cwd: sandbox, onSpawn: (pid) => allPids.push(pid) });
  const pool = createCliPool(wrapSpawn(clis.spawn), { size: poolSize, idleMs: poolIdleMs, hasRoom: roomForRefill(gate) });
  const recordingPids: SpawnCli = async (spec, signal, spawnOptions) => {
    const cli = await pool.spawn(spec, signal, spawnOptions);
    if (cli.pid !== undefined) pids.push(cli.pid);
    return cli;
  };
  const backendOptions: ClaudeCliBackendOptions = {
    spawn: limitProcesses(recordingPids, gate),
    cliPath,
    sandboxDir: sandbox,
    toolPolicy: { mode: 'web', allow: [], deny: [] },
    maxRetries: 0,
    env: cliEnvFor(loggedIn === false ? undefined : upstream, home, { subscription }),
    requestTimeoutMs: 60_000,
    stallTimeoutMs: 30_000,
    webFetchAllowPrivate: false,
    countTokens: createTokenizer().count,
    quota: createQuotaTracker(),
    ...options,
  };
  const backend = createClaudeCliBackend(backendOptions);
  const routing = await startRouting({
    configFile,
    env: process.env,
    cli: backend,
    catalog: testCatalog,
    createProvider: providerBackends({ stallTimeoutMs: backendOptions.stallTimeoutMs, requestTimeoutMs: backendOptions.requestTimeoutMs }),
    retireAfterMs: 2000,
    logger: { info: () => undefined, error: (fields: object, message: string) => void routingErrors.push(`${message} ${JSON.stringify(fields)}`) } as never,
  });
  if (givenPoolSize === undefined) pool.prime(encodeSpawn({ model: 'sonnet', builtinTools: undefined }, backendOptions));
  const app = createTestApp(backend, {
    router: routing.router,
    // Test images are served on 127.0.0.1, which the production default refuses.
    fetchImage: createImageFetcher({ maxBytes: 1024 * 1024, timeoutMs: 5000, allowPrivate: true }),
    bodyLimit: '10mb',
    shutdownDeadline: shutdownDeadline.signal,
    maxChoices: maxConcurrency,
    ...appOptions,
  });
  const server: Server = await new Promise((resolve) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s));
  });
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    client: new OpenAI({ baseURL: `${url}/v1`, apiKey: 'unused', maxRetries: 0, timeout: 60_000 }),
    upstream,
    pids,
    allPids,
    pool,
    routing,
    routingErrors,
    sandbox,
    gate,
    shutdownDeadline,
    close: async () => {
      await routing.close();
      await pool.drain();
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
      await upstream.close();
    },
  };
}

/** True once no process has this pid, reaped (polls up to `withinMs`). */
export const processGone = (pid: number, withinMs: number) => eventually(() => !exists(pid), withinMs);
