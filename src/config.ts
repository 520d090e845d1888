import { existsSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseEnv } from 'node:util';
import { z } from 'zod';
import type { ToolPolicy } from './backends/claude-cli/resolve-tools.js';
import type { EmbedderSettings } from './backends/open-embedder.js';
import { isLoopback } from './http/is-loopback.js';
import type { ImageFetchOptions } from './media/create-image-fetcher.js';
import { aliasList, count, csv, modelId, nameList, seconds, toolName, toolRule } from './config-values.js';
import { selectCliEnv } from './select-cli-env.js';

/** Environment variable names and defaults; `.env.example` documents each one. */
const schema = z
  .object({
    HOST: z.string().min(1).default('127.0.0.1'),
    PORT: z.coerce.number().int().min(0).max(65535).default(8000),
    API_KEYS: csv(),
    ALLOWED_HOSTS: csv().pipe(z.array(z.string().regex(/^[A-Za-z0-9.-]+$|^\[[0-9A-Fa-f:.]+\]$/, 'host names without a port'))),
    AUTH_FAILURES_PER_MINUTE: count(10, 0),
    CLAUDE_CLI_PATH: z.string().min(1).optional(),
    CONFIG_FILE: z.string().min(1).optional(),
    DEMO: z.stringbool().default(false),
    DEFAULT_MODEL: modelId.default('sonnet'),
    MODEL_ALIASES: aliasList('gpt-4o=sonnet,gpt-4o-mini=haiku,gpt-4.1=sonnet,gpt-4.1-mini=haiku,o3=opus'),
    TOOL_POLICY: z.enum(['web', 'none', 'custom']).default('web'),
    TOOLS_ALLOW: csv().pipe(z.array(z.string().regex(toolName, 'tool names are letters, digits and _'))),
    TOOLS_DENY: csv().pipe(z.array(z.string().regex(toolRule, 'a tool name or a rule like Name(pattern) without commas'))),
    MAX_CONCURRENCY: count(4),
    CLI_POOL_SIZE: count(2, 0).pipe(z.number().max(32)),
    CLI_POOL_IDLE_SECONDS: seconds(600, 10), // below that, the pool would do little but restart CLIs
    QUEUE_SIZE: count(32, 0),
    QUEUE_TIMEOUT_SECONDS: seconds(30),
    REQUEST_TIMEOUT_SECONDS: seconds(600),
    STALL_TIMEOUT_SECONDS: seconds(90),
    CLI_MAX_RETRIES: count(2, 0).pipe(z.number().max(15)),
    RATE_LIMIT_PER_MINUTE: count(120, 0),
    CORS_ORIGINS: csv(),
    IMAGE_MAX_MB: z.coerce.number().positive().max(100).default(5),
    IMAGE_FETCH_TIMEOUT_SECONDS: seconds(10),
    IMAGE_FETCH_ALLOW_PRIVATE: z.stringbool().default(false),
    BODY_LIMIT: z.string().regex(/^\d+(b|kb|mb)$/i, 'a size such as 512kb or 20mb').default('20mb'),
    BODY_TIMEOUT_SECONDS: seconds(30),
    WEBFETCH_ALLOW_PRIVATE: z.stringbool().default(false),
    REASONING_CONTENT: z.stringbool().default(false),
    LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
    TRUST_PROXY: z
      .string()
      .default('false')
      .transform((v) => (v === 'false' ? false : v === 'true' ? true : /^\d+$/.test(v) ? Number(v) : v)),
    SHUTDOWN_GRACE_SECONDS: seconds(30),
    METRICS_PUBLIC: z.stringbool().default(false),
    METRICS_PORT: z.coerce.number().int().min(1).max(65535).optional(),
    REDIS_URL: z
      .string()
      .regex(/^rediss?:\/\/\S+$/, 'a redis:// or rediss:// URL')
      .optional(),
    STORE_MAX_MB: z.coerce.number().positive().max(65_536).default(256).transform((mb) => Math.round(mb * 1024 * 1024)),
    SESSION_TTL_SECONDS: seconds(3600),
    SESSION_MAX_MESSAGES: count(200, 2),
    SESSION_MAX_PER_KEY: count(100),
    EMBEDDINGS_BASE_URL: z.url({ protocol: /^https?$/ }).optional(),
    EMBEDDINGS_API_KEY: z.string().min(1).optional(),
    EMBEDDINGS_MODEL: z.string().min(1).optional(),
    // Unset: OpenAI's names for the bundled model, none for a server (whose models may have those names); `none`: none.
    EMBEDDINGS_ALIASES: nameList(),
    EMBEDDINGS_CONCURRENCY: count(2),
    EMBEDDINGS_QUEUE_SIZE: count(64, 0),
    EMBEDDINGS_PRELOAD: z.stringbool().default(false),
    RESPONSE_TTL_DAYS: z.coerce.number().positive().max(365).default(30).transform((days) => Math.round(days * 86_400_000)),
    SANDBOX_DIR: z.string().min(1).default(join(tmpdir(), `claude-code-gateway-${process.getuid?.() ?? 'user'}`, 'sandbox')),
  })
  .superRefine((value, ctx) => {
    if (value.TOOL_POLICY === 'custom' && value.TOOLS_ALLOW.length === 0) {
      ctx.addIssue({ code: 'custom', path: ['TOOLS_ALLOW'], message: 'TOOL_POLICY=custom needs the list of allowed tools' });
    }
    if (!isLoopback(value.HOST) && value.API_KEYS.length === 0) {
      ctx.addIssue({
        code: 'custom',
        path: ['API_KEYS'],
        message: `HOST=${value.HOST} is reachable from other machines, so API_KEYS must be set: without keys anyone who can reach this port would use your Claude account`,
      });
    }
  });

/** Every variable the gateway reads for itself (`.env.example` documents each). */
export const configVariables: readonly string[] = Object.keys(schema.shape);

/**
 * What a variable is when it is not set, as the schema parses it (so for the time and size variables in their
 * converted unit); undefined when it has no default. For `--help`, which must not keep a second copy.
 */
export function configDefault(variable: string): unknown {
  const field = (schema.shape as Record<string, z.ZodType | undefined>)[variable];
  if (field === undefined) throw new Error(`${variable} is not a configuration variable`);
  const parsed = field.safeParse(undefined);
  return parsed.success ? parsed.data : undefined;
}


export interface Config {
  host: string;
  port: number;
  apiKeys: string[];
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
  embeddings: EmbedderSettings;
  /** The variables the CLI itself reads, passed through to it; never the gateway's own settings. */
  cliEnv: Record<string, string>;
}

export class ConfigError extends Error {
  override name = 'ConfigError';
}

/**
 * Reads `envFile` (if present) under the real environment, which wins, and validates the lot. A variable set to the
 * empty string (`PORT=` in a .env) means its default, as for one not set at all.
 */
export function loadConfig(env: NodeJS.ProcessEnv = process.env, envFile = '.env'): Config {
  const merged = { ...(existsSync(envFile) ? parseEnv(readFileSync(envFile, 'utf8')) : {}), ...env };
  const own = Object.fromEntries(Object.entries(merged).filter(([name, value]) => value !== '' && configVariables.includes(name)));
  const parsed = schema.safeParse(own);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((issue) => `  ${String(issue.path[0] ?? '(environment)')}: ${issue.message}`);
    throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`);
  }
  const v = parsed.data;
  return {
    host: v.HOST,
    port: v.PORT,
    apiKeys: v.API_KEYS,
    allowedHosts: v.ALLOWED_HOSTS.map((host) => host.toLowerCase().replace(/^\[(.*)\]$/, '$1')),
    authFailuresPerMinute: v.AUTH_FAILURES_PER_MINUTE,
    cliPath: v.CLAUDE_CLI_PATH,
    configFile: v.CONFIG_FILE,
    demo: v.DEMO,
    defaultModel: v.DEFAULT_MODEL,
    modelAliases: v.MODEL_ALIASES,
    toolPolicy: { mode: v.TOOL_POLICY, allow: v.TOOLS_ALLOW, deny: v.TOOLS_DENY },
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
