import { encodeRunSettings } from '../../../src/backends/claude-cli/encode-run-settings.js';
import type { ModelRequest } from '../../../src/core/model-request.js';
import { modelRequest } from '../../support/model-request.js';

const settingsOf = (overrides: Partial<ModelRequest>, extraBody?: string) => encodeRunSettings(modelRequest(overrides), extraBody) as Array<{ request: Record<string, any> }>;
const flagsOf = (overrides: Partial<ModelRequest>, extraBody?: string) => settingsOf(overrides, extraBody).find((line) => line.request.subtype === 'apply_flag_settings')?.request.settings;
const thinkingOf = (overrides: Partial<ModelRequest>) => settingsOf(overrides).find((line) => line.request.subtype === 'set_max_thinking_tokens')?.request.max_thinking_tokens;

describe('the run settings, sent after the CLI has started', () => {
  test('a request that sets nothing sends nothing (apply_flag_settings holds the model call back ~50 ms)', () => {
    expect(settingsOf({})).toEqual([]);
  });

  test('effort and the output limit', () => {
    expect(flagsOf({ reasoningEffort: 'low', maxOutputTokens: 4096 })).toEqual({ effortLevel: 'low', env: { CLAUDE_CODE_MAX_OUTPUT_TOKENS: '4096' } });
  });

  test('stop sequences go upstream in the extra body, merged with the user own, whitespace-only ones left out', () => {
    expect(JSON.parse(flagsOf({ stopSequences: ['END', '\n'] }, '{"metadata":{"x":1}}').env.CLAUDE_CODE_EXTRA_BODY)).toEqual({ metadata: { x: 1 }, stop_sequences: ['END'] });
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
