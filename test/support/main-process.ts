import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { createRequire } from 'node:module';
import { bundledCliPath, cliEnvFor, makeCliDirs } from './cli-under-test.js';
import type { FakeAnthropic } from './fake-anthropic.js';
import { poolSizeUnderTest } from './start-gateway.js';

/** The real entry point (src/main.ts through tsx), as `npm start` runs it, configured by environment only. */
const tsxLoader = createRequire(import.meta.url).resolve('tsx');

export function startMain(env: Record<string, string>): { child: ChildProcess; output: () => string } {
  const child = spawn(process.execPath, ['--import', tsxLoader, 'src/main.ts'], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout!.on('data', (data: Buffer) => (output += data.toString()));
  child.stderr!.on('data', (data: Buffer) => (output += data.toString()));
  return { child, output: () => output };
}

/** The gateway's URL once its log says it listens (PORT=0 picks a free port). */
export async function listening(output: () => string): Promise<string> {
  for (let i = 0; i < 200; i += 1) {
    const port = /"port":(\d+)/.exec(output())?.[1];
    if (port) return `http://127.0.0.1:${port}`;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`the gateway did not start:\n${output()}`);
}

/** The environment a test gateway process runs with: the bundled CLI on `upstream`, a free port, no tools or retries. */
export function mainEnv(upstream: FakeAnthropic): Record<string, string> {
  const { home, sandbox } = makeCliDirs();
  return { ...cliEnvFor(upstream, home), CLAUDE_CLI_PATH: bundledCliPath, SANDBOX_DIR: sandbox, PORT: '0', TOOL_POLICY: 'none', CLI_MAX_RETRIES: '0', CLI_POOL_SIZE: String(poolSizeUnderTest) };
}

/** SIGTERM (the graceful stop) to each gateway process, then waits for all of them to exit. */
export async function stopMains(children: readonly ChildProcess[]): Promise<void> {
  await Promise.all(children.map(async (child) => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    const exited = once(child, 'exit');
    child.kill('SIGTERM');
    await exited;
  }));
}
