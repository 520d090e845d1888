import { encodeSpawn, type SpawnSettings } from '../../../src/backends/claude-cli/encode-spawn.js';
import { GatewayError } from '../../../src/core/errors.js';
import type { ModelRequest } from '../../../src/core/model-request.js';
import { modelRequest } from '../../support/model-request.js';

const settings: SpawnSettings = {
  toolPolicy: { mode: 'web', allow: [], deny: [] },
  maxRetries: 2,
  env: { HOME: '/home/u', ANTHROPIC_API_KEY: 'sk-upstream' },
};
const request = (overrides: Partial<ModelRequest> = {}) => modelRequest({ messages: [{ role: 'user', content: [{ type: 'text', text: 'Hi' }] }], ...overrides });

describe('encodeSpawn', () => {
  test('runs the CLI headless on stream-json, with no default prompt, settings, MCP servers or persistence', () => {
    const { args } = encodeSpawn(request(), settings);
    expect(args).toEqual(
      expect.arrayContaining([
        '-p', '--input-format=stream-json', '--output-format=stream-json', '--verbose', '--include-partial-messages',
        '--model=sonnet', '--system-prompt=', '--setting-sources=', '--strict-mcp-config', '--no-session-persistence',
        '--disable-slash-commands', '--permission-mode=dontAsk',
      ]),
    );
  });

  test('every flag with a value uses the --flag=value form', () => {
    const { args } = encodeSpawn(request(), settings);
    for (const arg of args.filter((a) => a.startsWith('--') && a.includes('='))) expect(arg).toMatch(/^--[a-zA-Z-]+=/);
    expect(args.filter((a) => !a.startsWith('-'))).toEqual([]);
  });

  test.each(['--dangerously-skip-permissions', 'sonnet --tools default', 'a'.repeat(201), '', 'sonnet\n'])(
    'rejects the model id %j before it reaches argv',
    (model) => {
      expect(() => encodeSpawn(request({ model }), settings)).toThrow(expect.objectContaining({ code: 'invalid_request', param: 'model' }));
    },
  );

  test.each(['claude-sonnet-4-5-20250929', 'opus[1m]', 'us.anthropic.claude-sonnet-4-5-20250929-v1:0', 'claude-sonnet-4-5@20250929'])(
    'accepts the model id %s',
    (model) => {
      expect(encodeSpawn(request({ model }), settings).args).toContain(`--model=${model}`);
    },
  );

  test.each([
    ['web', [], [], ['--tools=WebSearch,WebFetch', '--allowedTools=WebSearch,WebFetch']],
    ['none', [], [], ['--tools=']],
    ['custom', ['Read', 'Grep'], ['WebFetch(domain:intranet.example)'], ['--tools=Read,Grep', '--allowedTools=Read,Grep', '--disallowedTools=WebFetch(domain:intranet.example)']],
  ] as const)('tool policy %s', (mode, allow, deny, expected) => {
    const { args } = encodeSpawn(request(), { ...settings, toolPolicy: { mode, allow, deny } });
    expect(args.filter((a) => /^--(tools|allowedTools|disallowedTools)=/.test(a))).toEqual(expected);
  });

  test('a request may narrow the tool policy', () => {
    const { args } = encodeSpawn(request({ builtinTools: { names: ['WebSearch'], param: 'claude_tools' } }), settings);
    expect(args).toContain('--tools=WebSearch');
    expect(encodeSpawn(request({ builtinTools: { names: [], param: 'claude_tools' } }), settings).args).toContain('--tools=');
  });

  test('a request may not widen the tool policy', () => {
    expect(() => encodeSpawn(request({ builtinTools: { names: ['Bash'], param: 'claude_tools' } }), settings)).toThrow(GatewayError);
    expect(() => encodeSpawn(request({ builtinTools: { names: ['Bash'], param: 'claude_tools' } }), settings)).toThrow(/does not allow Bash/);
  });

  describe('operator MCP servers', () => {
    const mcp = { path: '/etc/gateway/mcp.json', servers: [{ name: 'github', transport: 'stdio' as const }, { name: 'docs', transport: 'http' as const }] };
    const toolArgs = (toolPolicy: SpawnSettings['toolPolicy'], overrides: Partial<ModelRequest> = {}) =>
      encodeSpawn(request(overrides), { ...settings, toolPolicy }).args.filter((a) => /^--(tools|allowedTools|disallowedTools|mcp-config|strict-mcp-config)/.test(a));

    test('an allowed server is loaded from the file and approved, the others denied by name; --tools keeps the built-ins', () => {
      expect(toolArgs({ mode: 'custom', allow: ['Read', 'mcp__github__*'], deny: ['mcp__github__delete_*'], mcp })).toEqual([
        '--tools=Read',
        '--allowedTools=Read,mcp__github__*',
        '--disallowedTools=mcp__github__delete_*,mcp__docs',
        '--mcp-config=/etc/gateway/mcp.json',
        '--strict-mcp-config',
      ]);
    });

    test('no server allowed: the file is not loaded at all', () => {
      expect(toolArgs({ mode: 'custom', allow: ['Read'], deny: [], mcp })).toEqual(['--tools=Read', '--allowedTools=Read', '--strict-mcp-config']);
      expect(toolArgs({ mode: 'web', allow: ['mcp__github__*'], deny: [], mcp })).toEqual(['--tools=WebSearch,WebFetch', '--allowedTools=WebSearch,WebFetch', '--strict-mcp-config']);
    });

    test("a request's claude_tools narrows the built-ins, not the operator's servers", () => {
      const policy = { mode: 'custom' as const, allow: ['Read', 'Grep', 'mcp__docs'], deny: [], mcp };
      expect(toolArgs(policy, { builtinTools: { names: ['Grep'], param: 'claude_tools' } })).toEqual([
        '--tools=Grep',
        '--allowedTools=Grep,mcp__docs',
        '--disallowedTools=mcp__github',
        '--mcp-config=/etc/gateway/mcp.json',
        '--strict-mcp-config',
      ]);
      expect(() => encodeSpawn(request({ builtinTools: { names: ['mcp__docs'], param: 'claude_tools' } }), { ...settings, toolPolicy: policy })).toThrow(/does not allow mcp__docs/);
    });
  });

  test('the environment passes credentials through and pins retries and tool search', () => {
    const { env } = encodeSpawn(request(), settings);
    expect(env).toMatchObject({ HOME: '/home/u', ANTHROPIC_API_KEY: 'sk-upstream', CLAUDE_CODE_MAX_RETRIES: '2', ENABLE_TOOL_SEARCH: 'false' });
  });

  test('what a request sets beyond model and tools is not in argv or the environment: one process serves any of them', () => {
    const plain = encodeSpawn(request(), settings);
    const busy = encodeSpawn(request({ maxOutputTokens: 100, stopSequences: ['END'], reasoningEffort: 'low', thinking: { type: 'off' }, system: 'You are a pirate.', tools: [{ name: 'f', description: undefined, inputSchema: { type: 'object' } }] }), settings);
    expect(busy).toEqual(plain);
  });

  test('the system prompt never reaches argv', () => {
    expect(encodeSpawn(request({ system: 'You are a pirate.' }), settings).args.join(' ')).not.toContain('pirate');
  });

});
