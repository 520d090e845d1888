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

  test('the environment passes credentials through and pins retries and tool search', () => {
    const { env } = encodeSpawn(request(), settings);
    expect(env).toMatchObject({ HOME: '/home/u', ANTHROPIC_API_KEY: 'sk-upstream', CLAUDE_CODE_MAX_RETRIES: '2', ENABLE_TOOL_SEARCH: 'false' });
  });

  test('an output limit goes to the CLI, and a limit under the smallest thinking budget turns thinking off', () => {
    expect(encodeSpawn(request({ maxOutputTokens: 4096 }), settings).env).toMatchObject({ CLAUDE_CODE_MAX_OUTPUT_TOKENS: '4096' });
    expect(encodeSpawn(request({ maxOutputTokens: 4096 }), settings).env.MAX_THINKING_TOKENS).toBeUndefined();
    expect(encodeSpawn(request({ maxOutputTokens: 256 }), settings).env).toMatchObject({ CLAUDE_CODE_MAX_OUTPUT_TOKENS: '256', MAX_THINKING_TOKENS: '0' });
  });

  test('thinking off, or a budget, for the run', () => {
    expect(encodeSpawn(request({ thinking: { type: 'off' } }), settings).env.MAX_THINKING_TOKENS).toBe('0');
    expect(encodeSpawn(request({ thinking: { type: 'budget', tokens: 3000 }, maxOutputTokens: 8000 }), settings).env.MAX_THINKING_TOKENS).toBe('3000');
    expect(encodeSpawn(request({ thinking: { type: 'budget', tokens: 3000 }, maxOutputTokens: 1000 }), settings).env.MAX_THINKING_TOKENS).toBe('0');
    expect(encodeSpawn(request(), settings).env.MAX_THINKING_TOKENS).toBeUndefined();
  });

  test('the system prompt never reaches argv', () => {
    expect(encodeSpawn(request({ system: 'You are a pirate.' }), settings).args.join(' ')).not.toContain('pirate');
  });

  test('stop sequences too long for one environment string are a 400, not a failed spawn', () => {
    const stops = ['x'.repeat(40_000), 'y'.repeat(40_000), 'z'.repeat(40_000), 'w'.repeat(40_000)];
    expect(() => encodeSpawn(request({ stopSequences: stops }), settings)).toThrow(expect.objectContaining({ code: 'invalid_request' }));
  });

  test('stop sequences go upstream in the extra body, merged with the user own, whitespace-only ones left out', () => {
    const env = encodeSpawn(request({ stopSequences: ['END', '\n'] }), { ...settings, env: { ...settings.env, CLAUDE_CODE_EXTRA_BODY: '{"metadata":{"x":1}}' } }).env;
    expect(JSON.parse(env.CLAUDE_CODE_EXTRA_BODY!)).toEqual({ metadata: { x: 1 }, stop_sequences: ['END'] });
    expect(encodeSpawn(request({ stopSequences: ['\n'] }), settings).env.CLAUDE_CODE_EXTRA_BODY).toBeUndefined();
  });
});
