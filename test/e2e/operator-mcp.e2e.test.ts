import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ToolPolicy } from '../../src/backends/claude-cli/resolve-tools.js';
import { startGateway, type GatewayUnderTest } from '../support/start-gateway.js';

/** An MCP_CONFIG file with the test's stdio server (test/support/echo-mcp-server.mjs) as `echo`, and its marker file. */
function echoServerConfig(): { mcp: NonNullable<ToolPolicy['mcp']>; marker: string } {
  const dir = mkdtempSync(join(tmpdir(), 'ccg-mcp-'));
  const marker = join(dir, 'calls.ndjson');
  const server = new URL('../support/echo-mcp-server.mjs', import.meta.url).pathname;
  const path = join(dir, 'mcp.json');
  writeFileSync(path, JSON.stringify({ mcpServers: { echo: { type: 'stdio', command: process.execPath, args: [server], env: { MCP_MARKER_FILE: marker } } } }));
  return { mcp: { path, servers: [{ name: 'echo', transport: 'stdio' }] }, marker };
}

const weatherTool = {
  type: 'function' as const,
  function: { name: 'get_weather', description: 'Current weather for a city', parameters: { type: 'object', properties: { city: { type: 'string' } } } },
};
const offered = (gateway: GatewayUnderTest, index: number) => (gateway.upstream.requests[index]!.body.tools ?? []).map((tool) => tool.name).sort();

describe('operator MCP servers end to end (real claude CLI, a real stdio MCP server)', () => {
  describe('allowed by the policy (mcp__echo__*)', () => {
    const { mcp, marker } = echoServerConfig();
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
      expect(readFileSync(marker, 'utf8').trim().split('\n').map((line) => JSON.parse(line))).toEqual([{ name: 'echo_upper', text: 'hello mcp' }]);
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
    const { mcp, marker } = echoServerConfig();
    const gateway = await startGateway({ toolPolicy: { mode: 'custom', ...rules, mcp } });
    try {
      gateway.upstream.script({ kind: 'tool_use', calls: [{ name: 'mcp__echo__echo_upper', input: { text: 'hello' } }] }, { kind: 'text', chunks: ['ok'] });
      const before = gateway.upstream.requests.length;
      await gateway.client.chat.completions.create({ model: 'sonnet', messages: [{ role: 'user', content: 'Shout hello' }] });
      expect(offered(gateway, before)).toEqual(expected);
      expect(existsSync(marker)).toBe(false);
    } finally {
      await gateway.close();
    }
  });
});
