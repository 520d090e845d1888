import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execa } from 'execa';
import { bundledCliPath } from '../support/cli-under-test.js';
import { startGateway, type GatewayUnderTest } from '../support/start-gateway.js';

/**
 * Claude Code itself as a client of /v1/messages: the bundled CLI, with a fresh HOME, pointed at the gateway, which
 * answers through its own CLI against the fake upstream. Claude Code runs its own tools (Read) as usual.
 */
async function claudeCode(gateway: GatewayUnderTest, cwd: string, prompt: string, extra: string[] = []) {
  const home = mkdtempSync(join(tmpdir(), 'ccg-client-home-'));
  const run = await execa(bundledCliPath, ['-p', prompt, '--output-format', 'json', ...extra], {
    cwd,
    env: {
      PATH: '/usr/bin:/bin',
      HOME: home,
      ANTHROPIC_BASE_URL: gateway.url,
      ANTHROPIC_API_KEY: 'gateway-key',
      DISABLE_AUTOUPDATER: '1',
      CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC: '1',
    },
    extendEnv: false,
    stdin: 'ignore',
    timeout: 90_000,
    reject: false,
  });
  return { ...run, result: JSON.parse(run.stdout || '{}') as { result?: string; is_error?: boolean } };
}

describe('Claude Code as a client of the gateway (real claude CLI at both ends)', () => {
  let gateway: GatewayUnderTest;
  let project: string;
  beforeAll(async () => {
    gateway = await startGateway({ toolPolicy: { mode: 'none', allow: [], deny: [] }, app: { apiKeys: ['gateway-key'] } });
    project = mkdtempSync(join(tmpdir(), 'ccg-project-'));
    writeFileSync(join(project, 'notes.txt'), 'hello world from notes\n');
  });
  afterAll(() => gateway.close());

  test('a plain prompt completes', async () => {
    gateway.upstream.script({ kind: 'text', chunks: ['Hello ', 'from the gateway.'] });
    const run = await claudeCode(gateway, project, 'Say hello');
    expect(run.exitCode).toBe(0);
    expect(run.result).toMatchObject({ is_error: false, result: 'Hello from the gateway.' });
    // Claude Code's own system prompt and tools reached the model; its billing line did not (the one there is the
    // gateway's own CLI's), and its mid-conversation system message was folded into the system prompt.
    const upstream = gateway.upstream.requests.at(-1)!.body;
    const system = JSON.stringify(upstream.system);
    expect(system.match(/x-anthropic-billing-header/g)).toHaveLength(1);
    expect(system).toContain('You are an interactive agent that helps users with software engineering tasks.');
    expect(system).toContain('Available agent types for the Agent tool');
    expect(upstream.tools!.map((tool) => tool.name)).toEqual(expect.arrayContaining(['mcp__client__Read', 'mcp__client__Bash', 'mcp__client__Edit']));
  }, 120_000);

  test('a Read tool loop: the gateway returns the tool_use, Claude Code reads the file itself and gets the final answer', async () => {
    gateway.upstream.script(
      { kind: 'tool_use', chunks: ['Let me read it.'], calls: [{ name: 'mcp__client__Read', input: { file_path: join(project, 'notes.txt') } }] },
      { kind: 'text', chunks: ['The notes say hello world.'] },
    );
    const before = gateway.upstream.requests.length;
    const run = await claudeCode(gateway, project, 'Read notes.txt and tell me what it says', ['--allowedTools', 'Read']);
    expect(run.exitCode).toBe(0);
    expect(run.result).toMatchObject({ is_error: false, result: 'The notes say hello world.' });
    const requests = gateway.upstream.requests.slice(before);
    expect(requests).toHaveLength(2); // the call, then the answer: the gateway's CLI ran no tool itself
    expect(JSON.stringify(requests[1]!.body.messages)).toContain('hello world from notes');
  }, 120_000);
});
