import { z } from 'zod';

/** GET /v1/tools and GET /v1/security: what the model may do on this machine, and how the gateway is guarded. */

const mcpServerSchema = z.object({
  name: z.string(),
  transport: z.enum(['stdio', 'http', 'sse']),
  offered: z.boolean().describe('A TOOLS_ALLOW rule names it: the model is offered its tools, and the CLI runs them without asking.'),
  tool_prefix: z.string().describe('Its tools reach the model as `<tool_prefix><tool>`.'),
  denied: z.array(z.string()).describe('TOOLS_DENY rules that hide some of its tools (names or globs).'),
});

export const toolsViewSchema = z
  .object({
    policy: z.object({
      mode: z.enum(['web', 'none', 'custom']).describe('TOOL_POLICY.'),
      allow: z.array(z.string()).describe('TOOLS_ALLOW (custom only).'),
      deny: z.array(z.string()).describe('TOOLS_DENY (custom only).'),
    }),
    builtin: z
      .array(
        z.object({
          name: z.string(),
          effect: z.enum(['web', 'read', 'write', 'execute', 'agent', 'session']).describe('What it reaches: the web, files (read or write), commands, sub-agents, or only the CLI session itself.'),
          description: z.string(),
          allowed: z.boolean().describe('Offered to the model by default under this policy (a request may narrow it).'),
          restrictions: z.array(z.string()).describe('TOOLS_DENY rules that narrow it, e.g. WebFetch(domain:intranet.example).'),
        }),
      )
      .describe("The CLI's built-in tools. The CLI runs them on the gateway's machine, in its sandbox directory."),
    mcp_servers: z.array(mcpServerSchema).describe('The operator MCP servers of MCP_CONFIG (names only: never their commands, URLs or credentials).'),
    client_tools: z.string().describe('How functions a request defines are handled.'),
  })
  .meta({ id: 'ToolsView' });
export type ToolsView = z.infer<typeof toolsViewSchema>;

export const securityViewSchema = z
  .object({
    listen: z.object({ host: z.string(), port: z.number().int(), loopback: z.boolean().describe('Reachable from this machine only.') }),
    auth: z.object({
      keys_required: z.boolean(),
      key_count: z.number().int(),
      admin_key_count: z.number().int().describe("ADMIN_API_KEYS: keys that also see every key's usage (counted in key_count too)."),
      allowed_hosts: z.array(z.string()).describe('Without keys: host names besides loopback ones that requests may address.'),
      auth_failures_per_minute: z.number().int(),
      trust_proxy: z.union([z.boolean(), z.number(), z.string()]),
    }),
    tools: z.object({
      policy: z.enum(['web', 'none', 'custom']),
      builtin_offered: z.array(z.string()),
      deny: z.array(z.string()),
      mcp_servers_offered: z.array(z.string()),
      web_fetch_allow_private: z.boolean().describe('WebFetch may reach private, loopback and link-local addresses.'),
    }),
    image_fetch: z.object({ max_bytes: z.number().int(), timeout_ms: z.number().int(), allow_private: z.boolean() }),
    sandbox_dir: z.string().describe('Where the CLI runs, and where its file tools work.'),
    cors: z.object({ origins: z.array(z.string()) }),
    limits: z.object({
      body_limit: z.string(),
      body_timeout_ms: z.number().int(),
      rate_limit_per_minute: z.number().int(),
      max_concurrency: z.number().int(),
      queue_size: z.number().int(),
      queue_timeout_ms: z.number().int(),
      request_timeout_ms: z.number().int(),
      stall_timeout_ms: z.number().int(),
    }),
    metrics: z.object({ public: z.boolean(), own_port: z.boolean() }),
    store: z.object({ kind: z.enum(['memory', 'redis']) }),
  })
  .meta({ id: 'SecurityView' });
export type SecurityView = z.infer<typeof securityViewSchema>;
