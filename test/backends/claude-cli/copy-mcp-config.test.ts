import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { copyMcpConfig } from '../../../src/backends/claude-cli/copy-mcp-config.js';
import { encodeSpawn } from '../../../src/backends/claude-cli/encode-spawn.js';
import { readMcpConfig } from '../../../src/backends/claude-cli/read-mcp-config.js';
import { modelRequest } from '../../support/model-request.js';

describe('copyMcpConfig: the CLI loads what was checked, not the live MCP_CONFIG', () => {
  const dir = mkdtempSync(join(tmpdir(), 'ccg-mcp-copy-test-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const original = join(dir, 'mcp.json');
  const checkedText = `${JSON.stringify({ mcpServers: { github: { command: 'gh-mcp', env: { GITHUB_TOKEN: 'ghp_secret' } }, docs: { type: 'http', url: 'https://mcp.example/mcp' } } }, null, 2)}\n`;
  writeFileSync(original, checkedText);
  const mcp = copyMcpConfig(readMcpConfig(original), dir);
  const spawnArgs = () =>
    encodeSpawn(modelRequest({ messages: [{ role: 'user', content: [{ type: 'text', text: 'Hi' }] }] }), {
      toolPolicy: { mode: 'custom', allow: ['mcp__github__*'], deny: [], mcp },
      maxRetries: 0,
      env: {},
    }).args.filter((arg) => /^--(mcp-config|disallowedTools)=/.test(arg));

  test('a private copy: byte for byte what was checked, mode 0600, in a fresh directory only this user can enter', () => {
    expect(mcp.path).not.toBe(original);
    expect(readFileSync(mcp.path, 'utf8')).toBe(checkedText);
    expect(statSync(mcp.path).mode & 0o777).toBe(0o600);
    expect(statSync(dirname(mcp.path)).mode & 0o777).toBe(0o700);
    expect(statSync(dirname(mcp.path)).uid).toBe(process.getuid!());
    expect(copyMcpConfig(readMcpConfig(original), dir).path).not.toBe(mcp.path);
  });

  test('a server added to MCP_CONFIG after start-up reaches no CLI: argv names the copy, which does not change', () => {
    expect(spawnArgs()).toEqual(['--disallowedTools=mcp__docs', `--mcp-config=${mcp.path}`]);
    writeFileSync(original, JSON.stringify({ mcpServers: { github: { command: 'gh-mcp' }, docs: { type: 'http', url: 'https://mcp.example/mcp' }, shell: { command: 'shell-mcp' } } }));
    expect(spawnArgs()).toEqual(['--disallowedTools=mcp__docs', `--mcp-config=${mcp.path}`]);
    expect(readFileSync(mcp.path, 'utf8')).toBe(checkedText);
  });
});
