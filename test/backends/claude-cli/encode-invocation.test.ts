import { encodeInvocation, type InvocationSettings } from '../../../src/backends/claude-cli/encode-invocation.js';
import { GatewayError } from '../../../src/core/errors.js';
import type { ModelRequest } from '../../../src/core/model-request.js';
import { modelRequest } from '../../support/model-request.js';

const settings: InvocationSettings = {
  toolPolicy: { mode: 'web', allow: [], deny: [] },
  maxRetries: 2,
  env: { HOME: '/home/u', ANTHROPIC_API_KEY: 'sk-upstream' },
};
const request = (overrides: Partial<ModelRequest> = {}) => modelRequest({ messages: [{ role: 'user', content: [{ type: 'text', text: 'Hi' }] }], ...overrides });
const stdinLines = (stdin: string) => stdin.trimEnd().split('\n').map((line) => JSON.parse(line) as Record<string, any>);

describe('encodeInvocation', () => {
  test('runs the CLI headless on stream-json, with no default prompt, settings, MCP servers or persistence', () => {
    const { args } = encodeInvocation(request(), settings);
    expect(args).toEqual(
      expect.arrayContaining([
        '-p', '--input-format=stream-json', '--output-format=stream-json', '--verbose', '--include-partial-messages',
        '--model=sonnet', '--system-prompt=', '--setting-sources=', '--strict-mcp-config', '--no-session-persistence',
        '--disable-slash-commands', '--permission-mode=dontAsk',
      ]),
    );
  });

  test('every flag with a value uses the --flag=value form', () => {
    const { args } = encodeInvocation(request(), settings);
    for (const arg of args.filter((a) => a.startsWith('--') && a.includes('='))) expect(arg).toMatch(/^--[a-zA-Z-]+=/);
    expect(args.filter((a) => !a.startsWith('-'))).toEqual([]);
  });

  test.each(['--dangerously-skip-permissions', 'sonnet --tools default', 'a'.repeat(201), '', 'sonnet\n'])(
    'rejects the model id %j before it reaches argv',
    (model) => {
      expect(() => encodeInvocation(request({ model }), settings)).toThrow(expect.objectContaining({ code: 'invalid_request', param: 'model' }));
    },
  );

  test.each(['claude-sonnet-4-5-20250929', 'opus[1m]', 'us.anthropic.claude-sonnet-4-5-20250929-v1:0', 'claude-sonnet-4-5@20250929'])(
    'accepts the model id %s',
    (model) => {
      expect(encodeInvocation(request({ model }), settings).args).toContain(`--model=${model}`);
    },
  );

  test.each([
    ['web', [], [], ['--tools=WebSearch,WebFetch', '--allowedTools=WebSearch,WebFetch']],
    ['none', [], [], ['--tools=']],
    ['custom', ['Read', 'Grep'], ['WebFetch(domain:intranet.example)'], ['--tools=Read,Grep', '--allowedTools=Read,Grep', '--disallowedTools=WebFetch(domain:intranet.example)']],
  ] as const)('tool policy %s', (mode, allow, deny, expected) => {
    const { args } = encodeInvocation(request(), { ...settings, toolPolicy: { mode, allow, deny } });
    expect(args.filter((a) => /^--(tools|allowedTools|disallowedTools)=/.test(a))).toEqual(expected);
  });

  test('a request may narrow the tool policy', () => {
    const { args } = encodeInvocation(request({ builtinTools: ['WebSearch'] }), settings);
    expect(args).toContain('--tools=WebSearch');
    expect(encodeInvocation(request({ builtinTools: [] }), settings).args).toContain('--tools=');
  });

  test('a request may not widen the tool policy', () => {
    expect(() => encodeInvocation(request({ builtinTools: ['Bash'] }), settings)).toThrow(GatewayError);
    expect(() => encodeInvocation(request({ builtinTools: ['Bash'] }), settings)).toThrow(/not allowed: Bash/);
  });

  test('the environment passes credentials through and pins retries and tool search', () => {
    const { env } = encodeInvocation(request(), settings);
    expect(env).toMatchObject({ HOME: '/home/u', ANTHROPIC_API_KEY: 'sk-upstream', CLAUDE_CODE_MAX_RETRIES: '2', ENABLE_TOOL_SEARCH: 'false' });
  });

  test('the system prompt goes on stdin in the initialize request, never in argv', () => {
    const system = 'You are a pirate. '.repeat(10_000);
    const { args, stdin } = encodeInvocation(request({ system }), settings);
    expect(args.join(' ')).not.toContain('pirate');
    const [initialize] = stdinLines(stdin);
    expect(initialize).toMatchObject({ type: 'control_request', request: { subtype: 'initialize', systemPrompt: [system] } });
  });

  test('a single user message is sent as it is', () => {
    const [, user] = stdinLines(encodeInvocation(request(), settings).stdin);
    expect(user).toEqual({ type: 'user', message: { role: 'user', content: [{ type: 'text', text: 'Hi' }] }, parent_tool_use_id: null, session_id: '' });
  });

  test('earlier turns become one delimited transcript block before the last user message', () => {
    const messages: ModelRequest['messages'] = [
      { role: 'user', content: [{ type: 'text', text: 'My name is Bob.' }] },
      { role: 'assistant', content: [{ type: 'text', text: 'Hi Bob.' }] },
      { role: 'user', content: [{ type: 'text', text: 'What is my name?' }, { type: 'text', text: 'Answer briefly.' }] },
    ];
    const [, user] = stdinLines(encodeInvocation(request({ messages }), settings).stdin);
    const [transcript, last] = user!.message.content as Array<{ text: string }>;
    expect(transcript!.text).toContain('<user>\nMy name is Bob.\n</user>\n<assistant>\nHi Bob.\n</assistant>');
    expect(last!.text).toBe('What is my name?\nAnswer briefly.');
  });

  test('a message that starts with a slash command is kept a prompt', () => {
    const [, user] = stdinLines(encodeInvocation(request({ messages: [{ role: 'user', content: [{ type: 'text', text: '/cost' }] }] }), settings).stdin);
    expect(user!.message.content[0].text).toBe(' /cost');
  });

  test('the last message must be from the user', () => {
    const messages: ModelRequest['messages'] = [{ role: 'assistant', content: [{ type: 'text', text: 'Hello' }] }];
    expect(() => encodeInvocation(request({ messages }), settings)).toThrow(expect.objectContaining({ param: 'messages' }));
  });

  test('an output limit goes to the CLI, and a limit under the smallest thinking budget turns thinking off', () => {
    expect(encodeInvocation(request({ maxOutputTokens: 4096 }), settings).env).toMatchObject({ CLAUDE_CODE_MAX_OUTPUT_TOKENS: '4096' });
    expect(encodeInvocation(request({ maxOutputTokens: 4096 }), settings).env.MAX_THINKING_TOKENS).toBeUndefined();
    expect(encodeInvocation(request({ maxOutputTokens: 256 }), settings).env).toMatchObject({ CLAUDE_CODE_MAX_OUTPUT_TOKENS: '256', MAX_THINKING_TOKENS: '0' });
  });

  test('stop sequences go upstream in the extra body, merged with the user own, whitespace-only ones left out', () => {
    const env = encodeInvocation(request({ stopSequences: ['END', '\n'] }), { ...settings, env: { ...settings.env, CLAUDE_CODE_EXTRA_BODY: '{"metadata":{"x":1}}' } }).env;
    expect(JSON.parse(env.CLAUDE_CODE_EXTRA_BODY!)).toEqual({ metadata: { x: 1 }, stop_sequences: ['END'] });
    expect(encodeInvocation(request({ stopSequences: ['\n'] }), settings).env.CLAUDE_CODE_EXTRA_BODY).toBeUndefined();
  });
});
