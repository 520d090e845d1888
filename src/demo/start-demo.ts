import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Progress } from '../create-progress.js';
import { messagesEn } from '../locale/messages-en.js';
import { selectDemoCliEnv } from './select-demo-cli-env.js';
import { startDemoUpstream } from './start-demo-upstream.js';

export interface Demo {
  /** The CLI's environment: the demo upstream instead of Anthropic. */
  cliEnv: Record<string, string>;
  /** Removes what the demo made (the CLI's HOME); synchronous, for the process's `exit`. */
  cleanUp(): void;
}

/**
 * Demo mode's setup: the scripted upstream on 127.0.0.1, and a fresh HOME so the CLI reads none of the user's. `label`:
 * the progress line's, in the operator's language.
 */
export async function startDemo(cliEnv: Readonly<Record<string, string>>, progress: Progress, label = messagesEn.progress.demoUpstream): Promise<Demo> {
  const upstream = await progress.step(label, startDemoUpstream, (started) => started.url);
  const home = mkdtempSync(join(tmpdir(), 'claude-code-gateway-demo-home-'));
  return {
    cliEnv: selectDemoCliEnv(cliEnv, upstream.url, home),
    cleanUp: () => rmSync(home, { recursive: true, force: true }),
  };
}
