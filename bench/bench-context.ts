import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { bundledCliPath, cliEnvFor, makeCliDirs } from '../test/support/cli-under-test.js';
import { startFakeAnthropic, type FakeAnthropic } from '../test/support/fake-anthropic.js';

export const runs = Number(process.env.BENCH_RUNS ?? 30);
export { median } from './figures.js';
export const ms = (value: number) => `${value.toFixed(0)} ms`;

/** How a gateway process is launched: environment and node flags. */
export interface Launch {
  env: Record<string, string>;
  flags: string[];
}

/** `npm start`'s command line, read from package.json so the benchmark runs exactly what users run. */
const startScript = (JSON.parse(readFileSync('package.json', 'utf8')) as { scripts: { start: string } }).scripts.start.split(/\s+/);
export const npmStart: Launch = {
  env: Object.fromEntries(startScript.filter((word) => /^[A-Z_]+=/.test(word)).map((word) => word.split('=') as [string, string])),
  flags: startScript.filter((word) => word.startsWith('--')),
};

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

export interface GatewayProcess {
  child: ChildProcess;
  url: string;
}

/** What every section shares: one fake upstream, a CLI home and sandbox, and a way to start the built gateway. */
export interface BenchContext {
  upstream: FakeAnthropic;
  cliEnv: Record<string, string>;
  sandbox: string;
  cliPath: string;
  /**
   * The built gateway (dist/main.js of `dir`, this checkout by default) with the bench's settings plus `env`, launched
   * as npm start does unless told.
   */
  startGateway(env?: Record<string, string>, launch?: Launch, dir?: string): Promise<GatewayProcess>;
}

export async function createBenchContext(): Promise<BenchContext> {
  const upstream = await startFakeAnthropic({ kind: 'text', chunks: ['Hello', ' from', ' the', ' fake', ' upstream.'] });
  const { home, sandbox } = makeCliDirs();
  const cliEnv = cliEnvFor(upstream, home);
  const base = { ...cliEnv, CLAUDE_CLI_PATH: bundledCliPath, SANDBOX_DIR: sandbox, TOOL_POLICY: 'none', CLI_MAX_RETRIES: '0', LOG_LEVEL: 'warn', RATE_LIMIT_PER_MINUTE: '0',
    // Off unless a section turns it on: a pool's refills would compete for the CPU with the runs measured.
    CLI_POOL_SIZE: '0' };
  return {
    upstream,
    cliEnv,
    sandbox,
    cliPath: bundledCliPath,
    async startGateway(env = {}, launch = npmStart, dir = process.cwd()) {
      const port = await freePort();
      const child = spawn(process.execPath, [...launch.flags, join(dir, 'dist/main.js')], { env: { ...base, ...env, ...launch.env, PORT: String(port) }, stdio: 'inherit' });
      const url = `http://127.0.0.1:${port}`;
      for (let attempt = 0; attempt < 100; attempt += 1) {
        if (child.exitCode !== null) throw new Error(`the gateway exited with ${child.exitCode}`);
        if (await fetch(`${url}/health`).then((r) => r.ok, () => false)) return { child, url };
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      throw new Error('the gateway did not become healthy');
    },
  };
}
