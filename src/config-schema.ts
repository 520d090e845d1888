import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { z } from 'zod';
import { isLoopback } from './http/is-loopback.js';
import { aliasList, count, csv, modelId, nameList, seconds as secondsIn, toolRules } from './config-values.js';
import { messagesEn, type Messages } from './locale/messages-en.js';

/**
 * Environment variable names and defaults; `.env.example` documents each one. `text`: the schema's own messages in
 * the operator's language (zod's built-in ones are localised per parse, in config.ts).
 */
export function createConfigSchema(text: Messages['config']) {
  const seconds = secondsIn(text.atMostOneDay);
  return z
    .object({
      HOST: z.string().min(1).default('127.0.0.1'),
      PORT: z.coerce.number().int().min(0).max(65535).default(8000),
      API_KEYS: csv(),
      ADMIN_API_KEYS: csv(),
      ALLOWED_HOSTS: csv().pipe(z.array(z.string().regex(/^[A-Za-z0-9.-]+$|^\[[0-9A-Fa-f:.]+\]$/, text.hostNames))),
      AUTH_FAILURES_PER_MINUTE: count(10, 0),
      CLAUDE_CLI_PATH: z.string().min(1).optional(),
      CONFIG_FILE: z.string().min(1).optional(),
      DEMO: z.stringbool().default(false),
      DEFAULT_MODEL: modelId(text.modelId).default('sonnet'),
      MODEL_ALIASES: aliasList('gpt-4o=sonnet,gpt-4o-mini=haiku,gpt-4.1=sonnet,gpt-4.1-mini=haiku,o3=opus', text),
      TOOL_POLICY: z.enum(['web', 'none', 'custom']).default('web'),
      TOOLS_ALLOW: toolRules('allow', text),
      TOOLS_DENY: toolRules('deny', text),
      MCP_CONFIG: z.string().min(1).optional(),
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
      BODY_LIMIT: z.string().regex(/^\d+(b|kb|mb)$/i, text.bodySize).default('20mb'),
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
        .regex(/^rediss?:\/\/\S+$/, text.redisUrl)
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
      USAGE_RETENTION_DAYS: count(90).pipe(z.number().max(3650)),
      RESPONSE_TTL_DAYS: z.coerce.number().positive().max(365).default(30).transform((days) => Math.round(days * 86_400_000)),
      // Read before the rest (config.ts readLocale), so that these very messages can be in the operator's language.
      GATEWAY_LOCALE: z.string().regex(/^(en|zh)(?:[-_.@].*)?$/i, text.locale).optional(),
      SANDBOX_DIR: z.string().min(1).default(join(tmpdir(), `claude-code-gateway-${process.getuid?.() ?? 'user'}`, 'sandbox')),
    })
    .superRefine((value, ctx) => {
      if (value.TOOL_POLICY === 'custom' && value.TOOLS_ALLOW.length === 0) {
        ctx.addIssue({ code: 'custom', path: ['TOOLS_ALLOW'], message: text.customNeedsTools });
      }
      if (value.MCP_CONFIG !== undefined && value.TOOL_POLICY !== 'custom') {
        ctx.addIssue({ code: 'custom', path: ['MCP_CONFIG'], message: text.mcpNeedsCustom(value.TOOL_POLICY) });
      }
      const mcpRules = [...value.TOOLS_ALLOW, ...value.TOOLS_DENY].filter((rule) => rule.startsWith('mcp__'));
      if (value.MCP_CONFIG === undefined && mcpRules.length > 0) {
        ctx.addIssue({ code: 'custom', path: ['MCP_CONFIG'], message: text.mcpRulesWithoutConfig(mcpRules.join(', ')) });
      }
      if (!isLoopback(value.HOST) && value.API_KEYS.length === 0 && value.ADMIN_API_KEYS.length === 0) {
        ctx.addIssue({
          code: 'custom',
          path: ['API_KEYS'],
          message: text.apiKeysOffLoopback(value.HOST),
        });
      }
    });
}

/** The schema with English messages: for the variables' names and defaults, which do not depend on the language. */
export const configSchema = createConfigSchema(messagesEn.config);

/** Every variable the gateway reads for itself (`.env.example` documents each). */
export const configVariables: readonly string[] = Object.keys(configSchema.shape);

/**
 * What a variable is when it is not set, as the schema parses it (so for the time and size variables in their
 * converted unit); undefined when it has no default. For `--help`, which must not keep a second copy.
 */
export function configDefault(variable: string): unknown {
  const field = (configSchema.shape as Record<string, z.ZodType | undefined>)[variable];
  if (field === undefined) throw new Error(`${variable} is not a configuration variable`);
  const parsed = field.safeParse(undefined);
  return parsed.success ? parsed.data : undefined;
}
