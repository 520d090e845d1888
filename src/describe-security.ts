import { resolveTools } from './backends/claude-cli/resolve-tools.js';
import type { Config } from './config.js';
import { isLoopback } from './http/is-loopback.js';
import type { SecurityView } from './wire/gateway-views.js';

/**
 * GET /v1/security: the settings that decide who may use the gateway and what a request can reach. Each field is
 * picked by name: never a key, a Redis URL, a provider's or embedding server's key, or the CLI's environment.
 */
export function describeSecurity(config: Config): SecurityView {
  const tools = resolveTools(config.toolPolicy, undefined);
  return {
    listen: { host: config.host, port: config.port, loopback: isLoopback(config.host) },
    auth: {
      keys_required: config.apiKeys.length > 0,
      key_count: config.apiKeys.length, // ADMIN_API_KEYS included
      admin_key_count: config.adminApiKeys.length,
      allowed_hosts: config.allowedHosts,
      auth_failures_per_minute: config.authFailuresPerMinute,
      trust_proxy: config.trustProxy,
    },
    tools: {
      policy: config.toolPolicy.mode,
      builtin_offered: tools.offered,
      deny: config.toolPolicy.mode === 'custom' ? [...config.toolPolicy.deny] : [],
      mcp_servers_offered: tools.mcpServers,
      web_fetch_allow_private: config.webFetchAllowPrivate,
    },
    image_fetch: { max_bytes: config.images.maxBytes, timeout_ms: config.images.timeoutMs, allow_private: config.images.allowPrivate },
    sandbox_dir: config.sandboxDir,
    cors: { origins: config.corsOrigins },
    limits: {
      body_limit: config.bodyLimit,
      body_timeout_ms: config.bodyTimeoutMs,
      rate_limit_per_minute: config.rateLimitPerMinute,
      max_concurrency: config.maxConcurrency,
      queue_size: config.queueSize,
      queue_timeout_ms: config.queueTimeoutMs,
      request_timeout_ms: config.requestTimeoutMs,
      stall_timeout_ms: config.stallTimeoutMs,
    },
    metrics: { public: config.metrics.public, own_port: config.metrics.port !== undefined },
    store: { kind: config.redisUrl ? 'redis' : 'memory' },
  };
}
