import { existsSync, readFileSync } from 'node:fs';
import { parseEnv } from 'node:util';
import type { ToolPolicy } from './backends/claude-cli/resolve-tools.js';
import type { EmbedderSettings } from './backends/open-embedder.js';
import type { ImageFetchOptions } from './media/create-image-fetcher.js';
import { z } from 'zod';
import { ConfigError } from './config-error.js';
import { configVariables, createConfigSchema } from './config-schema.js';
import { openOperatorMcp } from './open-operator-mcp.js';
import { createMessages } from './locale/create-messages.js';
import { selectLocale, type Locale } from './locale/select-locale.js';
import { selectCliEnv } from './select-cli-env.js';

export { ConfigError } from './config-error.js';

export interface Config {
  /** The language of the operator-facing text (GATEWAY_LOCALE, else LANG); API clients' messages stay English. */
  locale: Locale;
  host: string;
  port: number;
  /** Every key a client may send: API_KEYS and ADMIN_API_KEYS (an admin key is an API key too). */
  apiKeys: string[];
  /** The keys that also see every key's usage (GET /v1/usage). */
  adminApiKeys: string[];
  /** Host names (besides loopback ones) requests may address when no API keys are configured. */
  allowedHosts: string[];
  /** Failed key checks per client address and minute before it gets 429s; 0 disables. */
  authFailuresPerMinute: number;
  cliPath: string | undefined;
  /** The YAML or JSON file of providers, models, router rules and overrides (hot-reloaded); none: env alone. */
  configFile: string | undefined;
  /** Serve through the CLI against the built-in scripted upstream on 127.0.0.1 (src/demo), not Anthropic. */
  demo: boolean;
  defaultModel: string;
  modelAliases: Map<string, string>;
  toolPolicy: ToolPolicy;
  maxConcurrency: number;
  /** CLI processes kept started ahead of requests; 0: none. */
  cliPoolSize: number;
  /** A pre-started CLI unused this long is replaced by a fresh one. */
  cliPoolIdleMs: number;
  queueSize: number;
  queueTimeoutMs: number;
  requestTimeoutMs: number;
  stallTimeoutMs: number;
  cliMaxRetries: number;
  rateLimitPerMinute: number;
  corsOrigins: string[];
  bodyLimit: string;
  bodyTimeoutMs: number;
  webFetchAllowPrivate: boolean;
  images: ImageFetchOptions;
  /** Send the model's thinking as `reasoning_content` by default. */
  reasoningContent: boolean;
  logLevel: string;
  trustProxy: boolean | number | string;
  shutdownGraceMs: number;
  /** GET /metrics without the API key; on its own port (same host) when `port` is set, else on the main one. */
  metrics: { public: boolean; port: number | undefined };
  sandboxDir: string;
  /** Sessions, stored responses and rate-limit counters live here when set (shared by replicas); else in memory. */
  redisUrl: string | undefined;
  /** The memory store's bound, in bytes: past it the least recently written keys go first. */
  storeMaxBytes: number;
  sessions: { ttlMs: number; maxMessages: number; maxPerOwner: number };
  /** How long a stored response (`store: true`) is kept. */
  responseTtlMs: number;
  /** How many days of usage (today included) GET /v1/usage reports and the store keeps. */
  usageRetentionDays: number;
  embeddings: EmbedderSettings;
  /** The variables the CLI itself reads, passed through to it; never the gateway's own settings. */
  cliEnv: Record<string, string>;
}


/** zod's built-in messages ("Too big: expected number to be <=65535") in each language. */
const zodLocales: Record<Locale, () => { localeError: z.core.$ZodErrorMap }> = { en: z.locales.en, zh: z.locales.zhCN };

/** `envFile` (if present) under the real environment, which wins. */
function mergeEnv(env: NodeJS.ProcessEnv, envFile: string): NodeJS.ProcessEnv {
  return { ...(existsSync(envFile) ? parseEnv(readFileSync(envFile, 'utf8')) : {}), ...env };
}

/**
 * The operator's language, before the configuration is validated (its errors are said in it): what `loadConfig`
 * would put in `locale`, for output that comes before it (`--help`).
 */
export function readLocale(env: NodeJS.ProcessEnv = process.env, envFile = '.env'): Locale {
  return selectLocale(mergeEnv(env, envFile));
}

/**
 * Reads `envFile` (if present) under the real environment, which wins, and validates the lot. A variable set to the
 * empty string (`PORT=` in a .env) means its default, as for one not set at all.
 */
export function loadConfig(env: NodeJS.ProcessEnv = process.env, envFile = '.env'): Config {
  const merged = mergeEnv(env, envFile);
  const locale = selectLocale(merged);
  const text = createMessages(locale).config;
  const own = Object.fromEntries(Object.entries(merged).filter(([name, value]) => value !== '' && configVariables.includes(name)));
  const parsed = createConfigSchema(text).safeParse(own, { error: zodLocales[locale]().localeError });
  if (!parsed.success) {
    const lines = parsed.error.issues.map((issue) => `  ${String(issue.path[0] ?? '(environment)')}: ${issue.message}`);
    throw new ConfigError(`${text.invalid}\n${lines.join('\n')}`);
  }
  const v = parsed.data;
  return {
    locale,
    host: v.HOST,
    port: v.PORT,
    apiKeys: [...new Set([...v.API_KEYS, ...v.ADMIN_API_KEYS])],
    adminApiKeys: v.ADMIN_API_KEYS,
    allowedHosts: v.ALLOWED_HOSTS.map((host) => host.toLowerCase().replace(/^\[(.*)\]$/, '$1')),
    authFailuresPerMinute: v.AUTH_FAILURES_PER_MINUTE,
    cliPath: v.CLAUDE_CLI_PATH,
    configFile: v.CONFIG_FILE,
    demo: v.DEMO,
    defaultModel: v.DEFAULT_MODEL,
    modelAliases: v.MODEL_ALIASES,
    toolPolicy: { mode: v.TOOL_POLICY, allow: v.TOOLS_ALLOW, deny: v.TOOLS_DENY, mcp: v.MCP_CONFIG === undefined ? undefined : openOperatorMcp(v.MCP_CONFIG, { TOOLS_ALLOW: v.TOOLS_ALLOW, TOOLS_DENY: v.TOOLS_DENY }, text) },
    maxConcurrency: v.MAX_CONCURRENCY,
    cliPoolSize: v.CLI_POOL_SIZE,
    cliPoolIdleMs: v.CLI_POOL_IDLE_SECONDS,
    queueSize: v.QUEUE_SIZE,
    queueTimeoutMs: v.QUEUE_TIMEOUT_SECONDS,
    requestTimeoutMs: v.REQUEST_TIMEOUT_SECONDS,
    stallTimeoutMs: v.STALL_TIMEOUT_SECONDS,
    cliMaxRetries: v.CLI_MAX_RETRIES,
    rateLimitPerMinute: v.RATE_LIMIT_PER_MINUTE,
    corsOrigins: v.CORS_ORIGINS,
    bodyLimit: v.BODY_LIMIT,
    bodyTimeoutMs: v.BODY_TIMEOUT_SECONDS,
    webFetchAllowPrivate: v.WEBFETCH_ALLOW_PRIVATE,
    images: { maxBytes: Math.round(v.IMAGE_MAX_MB * 1024 * 1024), timeoutMs: v.IMAGE_FETCH_TIMEOUT_SECONDS, allowPrivate: v.IMAGE_FETCH_ALLOW_PRIVATE },
    reasoningContent: v.REASONING_CONTENT,
    logLevel: v.LOG_LEVEL,
    trustProxy: v.TRUST_PROXY,
    shutdownGraceMs: v.SHUTDOWN_GRACE_SECONDS,
    metrics: { public: v.METRICS_PUBLIC, port: v.METRICS_PORT },
    sandboxDir: v.SANDBOX_DIR,
    redisUrl: v.REDIS_URL,
    storeMaxBytes: v.STORE_MAX_MB,
    sessions: { ttlMs: v.SESSION_TTL_SECONDS, maxMessages: v.SESSION_MAX_MESSAGES, maxPerOwner: v.SESSION_MAX_PER_KEY },
    responseTtlMs: v.RESPONSE_TTL_DAYS,
    usageRetentionDays: v.USAGE_RETENTION_DAYS,
    embeddings: {
      baseUrl: v.EMBEDDINGS_BASE_URL,
      apiKey: v.EMBEDDINGS_API_KEY,
      model: v.EMBEDDINGS_MODEL,
      aliases: v.EMBEDDINGS_ALIASES,
      concurrency: v.EMBEDDINGS_CONCURRENCY,
      queueSize: v.EMBEDDINGS_QUEUE_SIZE,
      preload: v.EMBEDDINGS_PRELOAD,
    },
    cliEnv: selectCliEnv(merged),
  };
}
