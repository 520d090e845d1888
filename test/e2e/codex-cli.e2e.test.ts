import { execa } from 'execa';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startGateway, type GatewayUnderTest } from '../support/start-gateway.js';

const codexBin = new URL('../../node_modules/.bin/codex', import.meta.url).pathname;

/** A CODEX_HOME whose only model provider is the gateway, set for a non-interactive run with no outside network. */
function codexHome(gatewayUrl: string): string {
  const home = mkdtempSync(join(tmpdir(), 'codex-home-'));
  writeFileSync(
    join(home, 'config.toml'),
    `model = "sonnet"
model_provider = "gateway"
approval_policy = "never"
sandbox_mode = "danger-full-access"
check_for_update_on_startup = false

[model_providers.gateway]
name = "claude-code-gateway"
base_url = "${gatewayUrl}/v1"
wire_api = "responses"
env_key = "GATEWAY_API_KEY"
request_max_retries = 0
stream_max_retries = 0
stream_idle_timeout_ms = 60000

[features]
plugins = false
unbounded_connection_retries = false
daemon_auto_start = false

[analytics]
enabled = false

[feedback]
enabled = false
`,
  );
  return home;
}

/** `codex exec` once, stdin closed (it waits for EOF otherwise), in a scratch directory. */
const codexExec = (gateway: GatewayUnderTest, prompt: string) =>
  execa(codexBin, ['exec', '--strict-config', '--skip-git-repo-check', '--ephemeral', prompt], {
    cwd: mkdtempSync(join(tmpdir(), 'codex-work-')),
    env: { CODEX_HOME: codexHome(gateway.url), GATEWAY_API_KEY: 'unused', NO_COLOR: '1' },
    stdin: 'ignore',
    reject: false,
    timeout: 120_000,
  });

describe("OpenAI's Codex CLI as the client (real claude CLI as the model)", () => {
  let gateway: GatewayUnderTest;
  beforeAll(async () => {
    // The default tool policy (web): Codex offers the model `web_search`, which becomes the CLI's WebSearch.
    gateway = await startGateway();
  });
  afterAll(() => gateway.close());

  test('codex exec completes a prompt', async () => {
    gateway.upstream.script({ kind: 'text', chunks: ['Hi from ', 'Claude.'] });
    const run = await codexExec(gateway, 'Say hi');
    expect([run.exitCode, run.stdout.trim()]).toEqual([0, 'Hi from Claude.']);
    // Codex's own system prompt (developer items) reached the model as the system prompt.
    const sent = gateway.upstream.requests.at(-1)!.body;
    expect(JSON.stringify(sent.system).length).toBeGreaterThan(5000);
    const tools = (sent.tools as unknown as Array<{ name: string }>).map((tool) => tool.name);
    expect(tools).toEqual(expect.arrayContaining(['WebSearch', 'mcp__client__exec_command']));
  }, 150_000);

  test('codex exec runs its shell tool when the model calls it, and sends the output back', async () => {
    gateway.upstream.script(
      { kind: 'tool_use', calls: [{ name: 'mcp__client__exec_command', input: { cmd: 'echo hello-from-$((6*7))' } }] },
      { kind: 'text', chunks: ['The command printed hello-from-42.'] },
    );
    const run = await codexExec(gateway, 'Run the command');
    expect(run.exitCode).toBe(0);
    expect(run.stdout.trim()).toBe('The command printed hello-from-42.');
    // The shell really ran: its output, computed by the shell, is in the model's next request.
    expect(JSON.stringify(gateway.upstream.requests.at(-1)!.body.messages)).toContain('hello-from-42');
  }, 150_000);
});
