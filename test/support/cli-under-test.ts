import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { locateCli } from '../../src/backends/claude-cli/locate-cli.js';
import type { FakeAnthropic } from './fake-anthropic.js';

/** The real CLI that `npm install` brought (never a `claude` that happens to be on this machine's PATH). */
export const bundledCliPath = locateCli(undefined, '').path;

/** A fresh HOME and sandbox so runs share no CLI state with the machine or each other. */
export function makeCliDirs(): { home: string; sandbox: string } {
  const root = mkdtempSync(join(tmpdir(), 'ccg-test-'));
  const home = join(root, 'home');
  const sandbox = join(root, 'sandbox');
  for (const dir of [home, sandbox]) mkdtempSync(dir);
  return { home: mkdtempSync(`${home}-`), sandbox: mkdtempSync(`${sandbox}-`) };
}

/**
 * What the CLI needs to talk to the fake upstream and nothing else. `subscription`: logged in with an OAuth token, as
 * `claude setup-token` gives a Pro/Max subscriber (it then reports the API's rate-limit headers, docs/cli-rate-limits.md).
 */
export function cliEnvFor(upstream: FakeAnthropic | undefined, home: string, { subscription = false } = {}): Record<string, string> {
  const login: Record<string, string> = subscription ? { CLAUDE_CODE_OAUTH_TOKEN: 'sk-ant-oat01-fake-upstream-token' } : { ANTHROPIC_API_KEY: 'sk-fake-upstream-key' };
  return {
    PATH: '/usr/bin:/bin',
    HOME: home,
    ...(upstream ? { ANTHROPIC_BASE_URL: upstream.url, ...login } : {}),
  };
}
