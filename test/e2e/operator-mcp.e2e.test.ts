import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { copyMcpConfig, type OperatorMcp } from '../../src/backends/claude-cli/copy-mcp-config.js';
import { readMcpConfig } from '../../src/backends/claude-cli/read-mcp-config.js';
import { startGateway, type GatewayUnderTest } from '../support/start-gateway.js';

const echoServer = new URL('../support/echo-mcp-server.mjs', import.meta.url).pathname;

/**
 * An MCP_CONFIG file with the test's stdio server (test/support/echo-mcp-server.mjs) under each name, each with its own
 * marker file, read and copied as start-up does; `file` is the operator's file, which the CLIs never read.
 */
function echoServersConfig(names = ['echo']): { mcp: OperatorMcp; markers: Record<string, string>; file: string; dir: string } {
  const dir = mkdtempSync(join(tmpdir(), 'ccg-mcp-'));
  const markers = Object.fromEntries(names.map((name) => [name, join(dir, `${name}-calls.ndjson`)]));
  const file = join(dir, 'mcp.json');
  writeFileSync(file, JSON.stringify(echoServers(markers)));
  return { mcp: copyMcpConfig(readMcpConfig(file), dir), markers, file, dir };
}

function echoServers(markers: Record<string, string>): object {
  const server = (marker: string) => ({ type: 'stdio', command: process.execPath, args: [echoServer], env: { MCP_MARKER_FILE: marker } });
  return { mcpServers: Object.fromEntries(Object.entries(markers).map(([name, marker]) => [name, server(marker)])) };
}

const weatherTool = {
  type: 'function' as const,
  function: { name: 'get_weather', description: 'Current weather for a city', parameters: { type: 'object', properties: { city: { type: 'string' } } } },
};
const offered = (gateway: GatewayUnderTest, index: number) => (gateway.upstream.requests[index]!.body.tools ?? []).map((tool) => tool.name).sort();

describe('operator MCP servers end to end (real claude CLI, a real stdio MCP server)', () => {
  describe('allowed by the policy (mcp__echo__*)', () => {
    const { mcp, markers } = echoServersConfig();
    let gateway: GatewayUnderTest;
    beforeAll(async () => {
      gateway = await startGateway({ toolPolicy: { mode: 'custom', allow: ['mcp__echo__*'], deny: [], mcp } });
    });
    afterAll(() => gateway.close());

    test('the model is offered the server tool; when it calls it, the CLI runs it and the model gets its output', async () => {
      gateway.upstream.script({ kind: 'tool_use', calls: [{ name: 'mcp__echo__echo_upper', input: { text: 'hello mcp' } }] }, { kind: 'text', chunks: ['It said HELLO MCP.'] });
      const before = gateway.upstream.requests.length;
      const completion = await gateway.client.chat.completions.create({ model: 'sonnet', messages: [{ role: 'user', content: 'Shout hello mcp' }] });

      expect(offered(gateway, before)).toEqual(['mcp__echo__echo_upper']);
      expect(gateway.upstream.requests.length).toBe(before + 2);
      const toolResult = JSON.stringify(gateway.upstream.requests[before + 1]!.body.messages!.at(-1));
      expect(toolResult).toContain('"type":"tool_result"');
      expect(toolResult).toContain('HELLO MCP');
      expect(readFileSync(markers.echo!, 'utf8').trim().split('\n').map((line) => JSON.parse(line))).toEqual([{ name: 'echo_upper', text: 'hello mcp' }]);
      // The CLI ran it: the client sees the answer, not a tool call of its own.
      expect(completion.choices[0]!.message).toMatchObject({ content: 'It said HELLO MCP.' });
      expect(completion.choices[0]!.message.tool_calls ?? []).toEqual([]);
      expect(completion.choices[0]!.finish_reason).toBe('stop');
    });

    test("client-defined tools are unaffected: offered beside the server's, and their calls still go back to the client", async () => {
      gateway.upstream.script({ kind: 'tool_use', calls: [{ name: 'mcp__client__get_weather', input: { city: 'Paris' } }] });
      const before = gateway.upstream.requests.length;
      const completion = await gateway.client.chat.completions.create({ model: 'sonnet', messages: [{ role: 'user', content: 'Weather?' }], tools: [weatherTool] });
      expect(offered(gateway, before)).toEqual(['mcp__client__get_weather', 'mcp__echo__echo_upper']);
      expect(completion.choices[0]!.finish_reason).toBe('tool_calls');
      expect(completion.choices[0]!.message.tool_calls).toEqual([expect.objectContaining({ function: { name: 'get_weather', arguments: '{"city":"Paris"}' } })]);
      expect(gateway.upstream.requests.length).toBe(before + 1);
    });
  });

  test.each([
    ['no allow rule names the server', { allow: ['Read'], deny: [] }, ['Read']],
    ['a deny rule hides the tool', { allow: ['mcp__echo__*'], deny: ['mcp__echo__echo_*'] }, []],
  ])('not allowed (%s): the tool is not offered, and a call of it runs nothing', async (_, rules, expected) => {
    const { mcp, markers } = echoServersConfig();
    const gateway = await startGateway({ toolPolicy: { mode: 'custom', ...rules, mcp } });
    try {
      gateway.upstream.script({ kind: 'tool_use', calls: [{ name: 'mcp__echo__echo_upper', input: { text: 'hello' } }] }, { kind: 'text', chunks: ['ok'] });
      const before = gateway.upstream.requests.length;
      await gateway.client.chat.completions.create({ model: 'sonnet', messages: [{ role: 'user', content: 'Shout hello' }] });
      expect(offered(gateway, before)).toEqual(expected);
      expect(existsSync(markers.echo!)).toBe(false);
    } finally {
      await gateway.close();
    }
  });

  test('two servers in one file, one allowed: the CLI loads the file, and the other\'s tools are neither offered nor run; a server added to the file after start-up reaches no CLI', async () => {
    const { mcp, markers, file, dir } = echoServersConfig(['echo', 'echo2']);
    // After start-up's check and copy: were the CLIs to read the live file, echo3 would start and be offered (no rule denies it).
    writeFileSync(file, JSON.stringify(echoServers({ ...markers, echo3: join(dir, 'echo3-calls.ndjson') })));
    const gateway = await startGateway({ toolPolicy: { mode: 'custom', allow: ['mcp__echo__*'], deny: [], mcp } });
    try {
      gateway.upstream.script({ kind: 'tool_use', calls: [{ name: 'mcp__echo2__echo_upper', input: { text: 'hello' } }] }, { kind: 'text', chunks: ['ok'] });
      const before = gateway.upstream.requests.length;
      await gateway.client.chat.completions.create({ model: 'sonnet', messages: [{ role: 'user', content: 'Shout hello' }] });
      expect(offered(gateway, before)).toEqual(['mcp__echo__echo_upper']);
      expect(existsSync(markers.echo2!)).toBe(false);
      expect(existsSync(join(dir, 'echo3-calls.ndjson'))).toBe(false);
    } finally {
      await gateway.close();
    }
  });
});
