import type { CliSpawnSpec, SpawnCli } from '../../../src/backends/claude-cli/spawn-cli.js';
import { collectResult } from '../../../src/core/collect-result.js';
import { modelRequest } from '../../support/model-request.js';
import { backendOnSpawner, replaySpawner } from '../../support/replay-spawner.js';

/** A backend on a replayed CLI that is, or is not, one the pool started ahead; what it was started with is kept. */
function backendOn(pooled: boolean) {
  const replay = replaySpawner('text-turn');
  const specs: CliSpawnSpec[] = [];
  const spawn: SpawnCli = async (spec, signal) => {
    specs.push(spec);
    const cli = await replay.spawn(spec, signal);
    return pooled ? { ...cli, pooled: true } : cli;
  };
  const backend = backendOnSpawner(spawn);
  return { backend, specs, stdin: replay.stdin };
}

const withSettings = modelRequest({ maxOutputTokens: 2000, reasoningEffort: 'low', stopSequences: ['END'], thinking: { type: 'off' } });
const subtypes = (stdin: string[]) => stdin.join('').trim().split('\n').map((line) => (JSON.parse(line) as { request?: { subtype: string } }).request?.subtype);

describe('the claude-cli backend: where a run\'s settings go', () => {
  test('a process started for the request takes them at spawn, and none of them again on stdin', async () => {
    const { backend, specs, stdin } = backendOn(false);
    await collectResult(backend.stream(withSettings, { signal: new AbortController().signal }));
    expect(specs[0]!.forRequest).toEqual({
      args: ['--effort=low'],
      env: { CLAUDE_CODE_MAX_OUTPUT_TOKENS: '2000', CLAUDE_CODE_EXTRA_BODY: '{"stop_sequences":["END"]}' },
    });
    expect(subtypes(stdin)).toEqual(['initialize', 'set_max_thinking_tokens', undefined]);
  });

  test('a process started ahead takes them on stdin', async () => {
    const { backend, stdin } = backendOn(true);
    await collectResult(backend.stream(withSettings, { signal: new AbortController().signal }));
    expect(subtypes(stdin)).toEqual(['initialize', 'apply_flag_settings', 'set_max_thinking_tokens', undefined]);
    const flags = stdin.join('').split('\n').map((line) => line && JSON.parse(line)).find((line) => line?.request?.subtype === 'apply_flag_settings');
    expect(flags.request.settings).toEqual({ effortLevel: 'low', env: { CLAUDE_CODE_MAX_OUTPUT_TOKENS: '2000', CLAUDE_CODE_EXTRA_BODY: '{"stop_sequences":["END"]}' } });
  });
});
