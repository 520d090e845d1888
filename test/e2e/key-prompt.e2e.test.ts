import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { createRequire } from 'node:module';
import { startFakeAnthropic, type FakeAnthropic } from '../support/fake-anthropic.js';
import { builtCliPath, checkBuilt } from '../support/built-cli.js';
import { listening, mainEnv } from '../support/main-process.js';
import { startOnTerminal } from '../support/pseudo-terminal.js';

const tsxLoader = createRequire(import.meta.url).resolve('tsx');
/** The real entry points: `npm start`'s (src/main.ts, through tsx) and the built `claude-code-gateway` command. */
const npmStart = [process.execPath, '--import', tsxLoader, 'src/main.ts'];
const command = [process.execPath, builtCliPath];
const question = '[Y/n]';

const modelsStatus = async (url: string, key?: string) =>
  (await fetch(`${url}/v1/models`, { headers: key ? { authorization: `Bearer ${key}` } : {} })).status;

/** The first group of `pattern` once the terminal shows it (its lines may arrive a moment apart), or undefined. */
async function shown(output: () => string, pattern: RegExp): Promise<string | undefined> {
  for (let i = 0; i < 100 && !pattern.test(output()); i += 1) await new Promise((resolve) => setTimeout(resolve, 50));
  return pattern.exec(output())?.[1];
}

describe('the key question, on a terminal', () => {
  let upstream: FakeAnthropic;
  let env: Record<string, string>;
  beforeAll(async () => {
    checkBuilt();
    upstream = await startFakeAnthropic();
    env = { ...mainEnv(upstream), CLI_POOL_SIZE: '0' };
  });
  afterAll(() => upstream.close());

  test('y: the printed key is required for this run', async () => {
    const run = startOnTerminal(npmStart, env);
    try {
      await run.answer(question, 'y\r');
      const url = await listening(run.output);
      const key = await shown(run.output, /Bearer (ccg-[A-Za-z0-9_-]{40})'/); // written just after the log line that names the port
      expect(key).toBeDefined();
      expect(run.output()).toContain(`curl ${url}/v1/models -H 'authorization: Bearer ${key}'`);
      expect(run.output()).toContain('API_KEYS=');
      expect(await modelsStatus(url)).toBe(401);
      expect(await modelsStatus(url, key)).toBe(200);
      expect(run.output().split(question)).toHaveLength(2); // asked once
    } finally {
      await run.stop();
    }
  });

  test('N: served without a key, as before', async () => {
    const run = startOnTerminal(command, env);
    try {
      await run.answer(question, 'N\r');
      const url = await listening(run.output);
      expect(await modelsStatus(url)).toBe(200);
      expect(run.output()).toContain('Serving without a key');
      expect(run.output()).not.toMatch(/Bearer ccg-/);
    } finally {
      await run.stop();
    }
  });

  test('never asked under CI, nor with API_KEYS set', async () => {
    const extras: Array<Record<string, string>> = [{ CI: 'true' }, { CI: '1' }, { API_KEYS: 'set-by-operator' }];
    for (const extra of extras) {
      const run = startOnTerminal(npmStart, { ...env, ...extra });
      try {
        const url = await listening(run.output);
        expect(run.output()).not.toContain(question);
        expect(await modelsStatus(url)).toBe('API_KEYS' in extra ? 401 : 200);
      } finally {
        await run.stop();
      }
    }
  });

  test('never asked when stdin is not a terminal (a pipe)', async () => {
    const child = spawn(npmStart[0]!, npmStart.slice(1), { env, stdio: ['pipe', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (data: Buffer) => (output += data.toString()));
    child.stderr.on('data', (data: Buffer) => (output += data.toString()));
    try {
      const url = await listening(() => output);
      expect(await modelsStatus(url)).toBe(200);
      expect(output).not.toContain(question);
    } finally {
      child.kill('SIGTERM');
      await once(child, 'exit');
    }
  });
});
