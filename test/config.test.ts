import { mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { configDefault, configVariables } from '../src/config-schema.js';
import { ConfigError, loadConfig } from '../src/config.js';

const noFile = join(tmpdir(), 'no-such-env-file');
const load = (env: Record<string, string>) => loadConfig(env, noFile);

describe('loadConfig', () => {
  test('defaults bind loopback on 8000 with the web tool policy and no keys', () => {
    const config = load({});
    expect(config).toMatchObject({ host: '127.0.0.1', port: 8000, apiKeys: [], defaultModel: 'sonnet', toolPolicy: { mode: 'web' } });
    expect(Object.fromEntries(config.modelAliases)).toMatchObject({ 'gpt-4o': 'sonnet', 'gpt-4o-mini': 'haiku' });
    expect(config.requestTimeoutMs).toBe(600_000);
  });

  test.each([
    [{ PORT: 'eighty' }, 'PORT'],
    [{ PORT: '70000' }, 'PORT'],
    [{ TOOL_POLICY: 'all' }, 'TOOL_POLICY'],
    [{ TOOL_POLICY: 'custom' }, 'TOOLS_ALLOW'],
    [{ TOOLS_ALLOW: 'Bash;rm' }, 'TOOLS_ALLOW'],
    [{ MODEL_ALIASES: 'gpt-4o' }, 'MODEL_ALIASES'],
    [{ CLI_MAX_RETRIES: '99' }, 'CLI_MAX_RETRIES'],
    [{ STALL_TIMEOUT_SECONDS: '-1' }, 'STALL_TIMEOUT_SECONDS'],
    [{ BODY_LIMIT: 'lots' }, 'BODY_LIMIT'],
    [{ DEFAULT_MODEL: '--dangerously-skip-permissions' }, 'DEFAULT_MODEL'],
    [{ MODEL_ALIASES: 'gpt-4o=sonnet --tools default' }, 'MODEL_ALIASES'],
    [{ REQUEST_TIMEOUT_SECONDS: '9999999' }, 'REQUEST_TIMEOUT_SECONDS'],
  ])('a bad value stops startup naming the variable: %j', (env, variable) => {
    expect(() => load(env)).toThrow(ConfigError);
    expect(() => load(env)).toThrow(new RegExp(`${variable}:`));
  });

  test('refuses a non-loopback HOST without API keys, and says why', () => {
    expect(() => load({ HOST: '0.0.0.0' })).toThrow(/API_KEYS: HOST=0.0.0.0 is reachable from other machines/);
    expect(load({ HOST: '0.0.0.0', API_KEYS: 'k1, k2' }).apiKeys).toEqual(['k1', 'k2']);
    expect(load({ HOST: '127.0.0.2' }).host).toBe('127.0.0.2');
    expect(load({ HOST: '::1' }).host).toBe('::1');
  });

  test('an admin key is an API key too: it alone lets a non-loopback HOST start, and it is not repeated', () => {
    const config = load({ HOST: '0.0.0.0', API_KEYS: 'k1,boss', ADMIN_API_KEYS: 'boss' });
    expect(config.apiKeys).toEqual(['k1', 'boss']);
    expect(config.adminApiKeys).toEqual(['boss']);
    expect(load({ HOST: '0.0.0.0', ADMIN_API_KEYS: 'boss' }).apiKeys).toEqual(['boss']);
    expect(load({}).usageRetentionDays).toBe(90);
  });

  test('TRUST_PROXY takes false, true, a hop count or addresses', () => {
    expect(load({}).trustProxy).toBe(false);
    expect(load({ TRUST_PROXY: 'true' }).trustProxy).toBe(true);
    expect(load({ TRUST_PROXY: '1' }).trustProxy).toBe(1);
    expect(load({ TRUST_PROXY: 'loopback, 10.0.0.0/8' }).trustProxy).toBe('loopback, 10.0.0.0/8');
  });

  test('parses aliases and durations', () => {
    const config = load({ MODEL_ALIASES: 'fast=haiku, smart = opus', STALL_TIMEOUT_SECONDS: '2.5' });
    expect(Object.fromEntries(config.modelAliases)).toEqual({ fast: 'haiku', smart: 'opus' });
    expect(config.stallTimeoutMs).toBe(2500);
  });

  test('passes the CLI its own variables but never the gateway keys', () => {
    const config = load({
      API_KEYS: 'client-secret',
      ANTHROPIC_API_KEY: 'sk-ant',
      CLAUDE_CODE_USE_BEDROCK: '1',
      AWS_REGION: 'us-east-1',
      HOME: '/home/u',
      PATH: '/usr/bin',
      UNRELATED_SECRET: 'x',
    });
    expect(config.cliEnv).toEqual({ ANTHROPIC_API_KEY: 'sk-ant', CLAUDE_CODE_USE_BEDROCK: '1', AWS_REGION: 'us-east-1', HOME: '/home/u', PATH: '/usr/bin' });
    expect(JSON.stringify(config.cliEnv)).not.toContain('client-secret');
  });

  test('.env.example documents every variable', () => {
    const example = readFileSync(new URL('../.env.example', import.meta.url), 'utf8');
    const documented = new Set([...example.matchAll(/^#?\s*([A-Z][A-Z0-9_]+)=/gm)].map((m) => m[1]));
    expect(configVariables.filter((name) => !documented.has(name))).toEqual([]);
    expect(configVariables.length).toBeGreaterThan(20);
  });

  test('13. empty settings mean the default, as a .env with `NAME=` lines would have it', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'ccg-env-')), '.env');
    writeFileSync(file, 'PORT=\nRATE_LIMIT_PER_MINUTE=\nQUEUE_SIZE=\nMAX_CONCURRENCY=\nAPI_KEYS=\nHOST=\nSANDBOX_DIR=\n');
    expect(loadConfig({}, file)).toMatchObject({ port: 8000, rateLimitPerMinute: 120, queueSize: 32, maxConcurrency: 4, apiKeys: [], host: '127.0.0.1' });
    expect(load({ CLAUDE_CLI_PATH: '', TOOL_POLICY: '' })).toMatchObject({ cliPath: undefined, toolPolicy: { mode: 'web' } });
  });

  test('ALLOWED_HOSTS and the hardening settings', () => {
    expect(load({ ALLOWED_HOSTS: 'Gateway.Internal, [fe80::1]', AUTH_FAILURES_PER_MINUTE: '5', WEBFETCH_ALLOW_PRIVATE: 'true', BODY_TIMEOUT_SECONDS: '2' })).toMatchObject({
      allowedHosts: ['gateway.internal', 'fe80::1'],
      authFailuresPerMinute: 5,
      webFetchAllowPrivate: true,
      bodyTimeoutMs: 2000,
    });
    expect(() => load({ ALLOWED_HOSTS: 'evil.example:8000' })).toThrow(/ALLOWED_HOSTS/);
  });

  test('reads a .env file, under the real environment', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'ccg-env-')), '.env');
    writeFileSync(file, 'PORT=9001\nDEFAULT_MODEL=opus\n');
    expect(loadConfig({ PORT: '9002' }, file)).toMatchObject({ port: 9002, defaultModel: 'opus' });
  });

  test('DEMO: off unless set; a bad value names it', () => {
    expect(load({}).demo).toBe(false);
    expect(load({ DEMO: 'true' }).demo).toBe(true);
    expect(() => load({ DEMO: 'sometimes' })).toThrow(/DEMO/);
  });
});

describe('MCP_CONFIG and the MCP tool rules', () => {
  const dir = mkdtempSync(join(tmpdir(), 'ccg-mcp-'));
  const file = (name: string, text: string) => {
    const path = join(dir, name);
    writeFileSync(path, text);
    return path;
  };
  const servers = file('mcp.json', JSON.stringify({ mcpServers: { github: { command: 'gh-mcp', args: ['--token', 'ghp_secret'] }, docs: { type: 'http', url: 'https://mcp.example/mcp' } } }));
  const custom = { TOOL_POLICY: 'custom', MCP_CONFIG: servers };

  test('reads the servers (names and transports only) and takes whole-server allow rules and MCP deny globs', () => {
    const config = load({ ...custom, TOOLS_ALLOW: 'Read,mcp__github__*,mcp__docs', TOOLS_DENY: 'mcp__github__delete_*' });
    expect(config.toolPolicy).toEqual({
      mode: 'custom',
      allow: ['Read', 'mcp__github__*', 'mcp__docs'],
      deny: ['mcp__github__delete_*'],
      mcp: { path: expect.stringMatching(/ccg-mcp-config-.+mcp\.json$/), servers: [{ name: 'github', transport: 'stdio' }, { name: 'docs', transport: 'http' }] },
    });
  });

  test('the CLIs are pointed at a private copy of the file as checked (0600), which a later edit of MCP_CONFIG leaves alone', () => {
    const original = file('live.json', JSON.stringify({ mcpServers: { github: { command: 'gh-mcp' } } }));
    const checked = readFileSync(original, 'utf8');
    const { path } = load({ ...custom, MCP_CONFIG: original, TOOLS_ALLOW: 'mcp__github__*' }).toolPolicy.mcp!;
    expect(path).not.toBe(original);
    expect(statSync(path).mode & 0o777).toBe(0o600);
    writeFileSync(original, JSON.stringify({ mcpServers: { github: { command: 'gh-mcp' }, shell: { command: 'shell-mcp' } } }));
    expect(readFileSync(path, 'utf8')).toBe(checked);
  });

  test.each([
    [{ ...custom, MCP_CONFIG: join(dir, 'missing.json'), TOOLS_ALLOW: 'Read' }, /MCP_CONFIG: cannot read .*missing\.json: ENOENT/],
    [{ ...custom, MCP_CONFIG: file('bad.json', '{nope'), TOOLS_ALLOW: 'Read' }, /MCP_CONFIG: .*bad\.json is not JSON/],
    [{ ...custom, MCP_CONFIG: file('no-servers.json', '{"servers":{}}'), TOOLS_ALLOW: 'Read' }, /MCP_CONFIG: .*mcpServers/],
    [{ ...custom, MCP_CONFIG: file('empty.json', '{"mcpServers":{}}'), TOOLS_ALLOW: 'Read' }, /MCP_CONFIG: .*names no server/],
    [{ ...custom, MCP_CONFIG: file('client.json', '{"mcpServers":{"client":{"command":"x"}}}'), TOOLS_ALLOW: 'Read' }, /MCP_CONFIG: .*'client' is the gateway's own/],
    [{ ...custom, MCP_CONFIG: file('dunder.json', '{"mcpServers":{"client__x":{"command":"x"}}}'), TOOLS_ALLOW: 'Read' }, /MCP_CONFIG: .*no __/],
    [{ ...custom, MCP_CONFIG: file('sdk.json', '{"mcpServers":{"s":{"type":"sdk","name":"s"}}}'), TOOLS_ALLOW: 'Read' }, /MCP_CONFIG: .*s: a stdio server needs a command/],
    [{ ...custom, TOOLS_ALLOW: 'mcp__gitlab__*' }, /TOOLS_ALLOW: mcp__gitlab__\* name a server .* does not define \(it has github, docs\)/],
    [{ ...custom, TOOLS_ALLOW: 'Read', TOOLS_DENY: 'mcp__gitlab__x' }, /TOOLS_DENY: mcp__gitlab__x name a server/],
    [{ ...custom, TOOLS_ALLOW: 'mcp__github__get_issue' }, /TOOLS_ALLOW: 'mcp__github__get_issue': an MCP allow rule takes a whole server/],
    [{ ...custom, TOOLS_ALLOW: 'mcp__*' }, /TOOLS_ALLOW: 'mcp__\*'/],
    [{ ...custom, TOOLS_ALLOW: 'mcp__client__*' }, /TOOLS_ALLOW: 'mcp__client__\*': the 'client' MCP server is the gateway's own/],
    [{ ...custom, TOOLS_ALLOW: 'Read', TOOLS_DENY: 'mcp__*' }, /TOOLS_DENY: 'mcp__\*'/],
    [{ ...custom, TOOLS_ALLOW: 'Read', TOOLS_DENY: 'mcp__github__x --tools default' }, /TOOLS_DENY/],
    [{ MCP_CONFIG: servers }, /MCP_CONFIG: its servers are offered only with TOOL_POLICY=custom/],
    [{ TOOL_POLICY: 'custom', TOOLS_ALLOW: 'mcp__github__*' }, /MCP_CONFIG: mcp__github__\* name MCP servers, but MCP_CONFIG .* is not set/],
  ])('refuses at startup, naming the variable: %j', (env, message) => {
    expect(() => load(env)).toThrow(ConfigError);
    expect(() => load(env)).toThrow(message);
  });
});

describe('configDefault', () => {
  test("is the value a variable has when it is not set, as the schema parses it", () => {
    expect(configDefault('HOST')).toBe('127.0.0.1');
    expect(configDefault('PORT')).toBe(8000);
    expect(configDefault('DEMO')).toBe(false);
    expect(configDefault('CONFIG_FILE')).toBeUndefined();
    expect(configDefault('QUEUE_TIMEOUT_SECONDS')).toBe(load({}).queueTimeoutMs);
    expect(() => configDefault('NOT_A_VARIABLE')).toThrow(/NOT_A_VARIABLE/);
  });
});
