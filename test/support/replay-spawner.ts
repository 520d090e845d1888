import { tmpdir } from 'node:os';
import { createClaudeCliBackend, type ClaudeCliBackendOptions } from '../../src/backends/claude-cli/create-claude-cli-backend.js';
import type { CliProcess, SpawnCli } from '../../src/backends/claude-cli/spawn-cli.js';
import { createQuotaTracker } from '../../src/core/quota-tracker.js';
import { createTokenizer } from '../../src/tokens/create-tokenizer.js';
import { fixtureLines } from './fixtures.js';

/**
 * A spawner whose "CLI" replays a recorded run (test/fixtures/NAME.ndjson): for tests of the gateway's own code
 * around the CLI at a speed the real process cannot give (fuzzing). Everything written to it is kept.
 */
export function replaySpawner(fixture: string): { spawn: SpawnCli; stdin: string[] } {
  const recorded = fixtureLines(fixture);
  const stdin: string[] = [];
  const spawn: SpawnCli = async () => {
    let inputEnded = false;
    const cli: CliProcess = {
      pid: undefined,
      lines: (async function* () {
        yield* recorded;
      })(),
      write: (text) => void stdin.push(text),
      endInput: () => void (inputEnded = true),
      get inputEnded() {
        return inputEnded;
      },
      kill: () => undefined,
      exited: Promise.resolve({ failure: undefined }),
    };
    return cli;
  };
  return { spawn, stdin };
}

/** The claude-cli backend on a given spawner (a replay), with quiet defaults a test may override. */
export function backendOnSpawner(spawn: SpawnCli, overrides: Partial<ClaudeCliBackendOptions> = {}) {
  return createClaudeCliBackend({
    spawn,
    cliPath: '/nonexistent/claude',
    sandboxDir: tmpdir(),
    toolPolicy: { mode: 'none', allow: [], deny: [] },
    maxRetries: 0,
    env: {},
    requestTimeoutMs: 10_000,
    stallTimeoutMs: 10_000,
    webFetchAllowPrivate: false,
    countTokens: createTokenizer().count,
    quota: createQuotaTracker(),
    ...overrides,
  });
}
