import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { describeTools } from '../../../src/backends/claude-cli/describe-tools.js';
import { loadConfig } from '../../../src/config.js';
import { describeSecurity } from '../../../src/describe-security.js';
import { createTestApp } from '../../support/create-test-app.js';
import { createFakeBackend } from '../../support/fake-backend.js';

const secrets = {
  API_KEYS: 'sk-client-key-one,sk-client-key-two',
  ADMIN_API_KEYS: 'sk-admin-key-secret',
  REDIS_URL: 'redis://:redis-password-42@redis.internal:6379/0',
  EMBEDDINGS_API_KEY: 'emb-secret-key-7',
  EMBEDDINGS_BASE_URL: 'https://embed-user:embed-password@embed.example/v1',
  ANTHROPIC_API_KEY: 'sk-ant-upstream-secret',
  CLAUDE_CODE_OAUTH_TOKEN: 'oauth-token-secret',
  OPENAI_API_KEY: 'sk-openai-provider-secret',
};
const dir = mkdtempSync(join(tmpdir(), 'ccg-views-'));
const mcpConfig = join(dir, 'mcp.json');
// Credentials in an MCP config: in args, env, a URL and headers.
writeFileSync(mcpConfig, JSON.stringify({
  mcpServers: {
    github: { command: 'github-mcp', args: ['--token', 'ghp_arg_secret'], env: { GITHUB_TOKEN: 'ghp_env_secret' } },
    docs: { type: 'http', url: 'https://docs-user:url-secret@mcp.example/mcp', headers: { Authorization: 'Bearer header-secret' } },
  },
}));
const config = loadConfig({
  ...secrets,
  HOST: '0.0.0.0',
  TOOL_POLICY: 'custom',
  TOOLS_ALLOW: 'Read,WebFetch,mcp__github__*',
  TOOLS_DENY: 'WebFetch(domain:intranet.example),mcp__github__delete_*',
  MCP_CONFIG: mcpConfig,
  CORS_ORIGINS: 'https://app.example',
}, join(dir, 'no-env-file'));
const views = { tools: describeTools(config.toolPolicy), security: describeSecurity(config) };
const app = createTestApp(createFakeBackend().backend, { apiKeys: config.apiKeys, views });
const get = (path: string) => request(app).get(path).set('authorization', 'Bearer sk-client-key-two');

describe('GET /v1/tools and GET /v1/security', () => {
  test('both are behind the API key', async () => {
    await request(app).get('/v1/tools').expect(401);
    await request(app).get('/v1/security').set('authorization', 'Bearer wrong').expect(401);
  });

  test('/v1/tools: every built-in, what it does and whether the policy offers it; the operator servers by name', async () => {
    const { body } = await get('/v1/tools').expect(200);
    expect(body.policy).toEqual({ mode: 'custom', allow: ['Read', 'WebFetch', 'mcp__github__*'], deny: ['WebFetch(domain:intranet.example)', 'mcp__github__delete_*'] });
    const byName = Object.fromEntries(body.builtin.map((tool: { name: string }) => [tool.name, tool]));
    expect(byName.Read).toEqual({ name: 'Read', effect: 'read', description: expect.stringContaining('Reads a file'), allowed: true, restrictions: [] });
    expect(byName.WebFetch).toMatchObject({ allowed: true, restrictions: ['WebFetch(domain:intranet.example)'] });
    expect(byName.Bash).toMatchObject({ effect: 'execute', allowed: false });
    expect(body.builtin.filter((tool: { allowed: boolean }) => tool.allowed).map((tool: { name: string }) => tool.name)).toEqual(['Read', 'WebFetch']);
    expect(body.mcp_servers).toEqual([
      { name: 'github', transport: 'stdio', offered: true, tool_prefix: 'mcp__github__', denied: ['mcp__github__delete_*'] },
      { name: 'docs', transport: 'http', offered: false, tool_prefix: 'mcp__docs__', denied: [] },
    ]);
    expect(body.client_tools).toMatch(/mcp__client__<name>/);
  });

  test('/v1/security: the effective settings', async () => {
    const { body } = await get('/v1/security').expect(200);
    expect(body).toMatchObject({
      listen: { host: '0.0.0.0', port: 8000, loopback: false },
      auth: { keys_required: true, key_count: 3, admin_key_count: 1 },
      tools: { policy: 'custom', builtin_offered: ['Read', 'WebFetch'], mcp_servers_offered: ['github'], web_fetch_allow_private: false },
      image_fetch: { max_bytes: 5 * 1024 * 1024, allow_private: false },
      sandbox_dir: config.sandboxDir,
      cors: { origins: ['https://app.example'] },
      limits: { body_limit: '20mb', rate_limit_per_minute: 120, max_concurrency: 4, request_timeout_ms: 600_000 },
      store: { kind: 'redis' },
    });
  });

  test('neither answer holds a secret from the configuration or the MCP config file', async () => {
    const answers = JSON.stringify([(await get('/v1/tools')).body, (await get('/v1/security')).body]);
    const planted = [
      ...Object.values(secrets).flatMap((value) => value.split(',')),
      'redis-password-42', 'redis.internal', 'embed-password', 'embed.example',
      'ghp_arg_secret', 'ghp_env_secret', 'url-secret', 'header-secret', 'mcp.example', 'github-mcp', mcpConfig,
    ];
    for (const secret of planted) expect({ secret, found: answers.includes(secret) }).toEqual({ secret, found: false });
  });
});

test('describeTools under the default web policy: WebSearch and WebFetch alone, no operator servers', () => {
  const tools = describeTools({ mode: 'web', allow: [], deny: [] });
  expect(tools.builtin.filter((tool) => tool.allowed).map((tool) => tool.name)).toEqual(['WebFetch', 'WebSearch']);
  expect(tools.mcp_servers).toEqual([]);
});
