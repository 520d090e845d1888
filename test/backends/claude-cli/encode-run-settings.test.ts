import { encodeRunSettings } from '../../../src/backends/claude-cli/encode-run-settings.js';
import type { ModelRequest } from '../../../src/core/model-request.js';
import { modelRequest } from '../../support/model-request.js';

type Line = { request: Record<string, any> };
const settingsOf = (overrides: Partial<ModelRequest>, extraBody?: string) => encodeRunSettings(modelRequest(overrides), extraBody);
const stdinOf = (overrides: Partial<ModelRequest>, extraBody?: string) => {
  const { onStdin, always } = settingsOf(overrides, extraBody);
  return [...onStdin, ...always] as Line[];
};
const flagsOf = (overrides: Partial<ModelRequest>, extraBody?: string) => stdinOf(overrides, extraBody).find((line) => line.request.subtype === 'apply_flag_settings')?.request.settings;
const thinkingOf = (overrides: Partial<ModelRequest>) => stdinOf(overrides).find((line) => line.request.subtype === 'set_max_thinking_tokens')?.request.max_thinking_tokens;

describe('the run settings: at spawn for a process started for the request, on stdin for one started ahead', () => {
  test('a request that sets nothing sends nothing and adds nothing at spawn (apply_flag_settings holds the model call back)', () => {
    expect(settingsOf({})).toEqual({ atSpawn: { args: [], env: {} }, onStdin: [], always: [] });
  });

  test('effort and the output limit, either way', () => {
    expect(flagsOf({ reasoningEffort: 'low', maxOutputTokens: 4096 })).toEqual({ effortLevel: 'low', env: { CLAUDE_CODE_MAX_OUTPUT_TOKENS: '4096' } });
    expect(settingsOf({ reasoningEffort: 'low', maxOutputTokens: 4096 }).atSpawn).toEqual({ args: ['--effort=low'], env: { CLAUDE_CODE_MAX_OUTPUT_TOKENS: '4096' } });
  });

  test('thinking goes on stdin for every process', () => {
    expect(settingsOf({ thinking: { type: 'off' } })).toMatchObject({ atSpawn: { args: [], env: {} }, onStdin: [], always: [{ request: { max_thinking_tokens: 0 } }] });
  });

  test('stop sequences go upstream in the extra body, merged with the user own, whitespace-only ones left out', () => {
    expect(JSON.parse(flagsOf({ stopSequences: ['END', '\n'] }, '{"metadata":{"x":1}}').env.CLAUDE_CODE_EXTRA_BODY)).toEqual({ metadata: { x: 1 }, stop_sequences: ['END'] });
    expect(settingsOf({ stopSequences: ['END'] }).atSpawn.env).toEqual({ CLAUDE_CODE_EXTRA_BODY: '{"stop_sequences":["END"]}' });
    expect(flagsOf({ stopSequences: ['\n'] })).toBeUndefined();
  });

  test('thinking off, a budget, and off under a limit smaller than the smallest budget', () => {
    expect(thinkingOf({ thinking: { type: 'off' } })).toBe(0);
    expect(thinkingOf({ thinking: { type: 'budget', tokens: 3000 }, maxOutputTokens: 8000 })).toBe(3000);
    expect(thinkingOf({ thinking: { type: 'budget', tokens: 3000 }, maxOutputTokens: 1000 })).toBe(0);
    expect(thinkingOf({ maxOutputTokens: 256 })).toBe(0);
    expect(thinkingOf({})).toBeUndefined();
  });
});
