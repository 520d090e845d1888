import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runTurn, type TurnOptions } from '../../../src/backends/claude-cli/run-turn.js';
import { createCliSpawner } from '../../../src/backends/claude-cli/spawn-cli.js';
import { GatewayError } from '../../../src/core/errors.js';
import { processGone } from '../../support/start-gateway.js';

/** The runner's own contract (watchdogs, signal, process tree), exercised with tiny node scripts standing in for any child. */
const spawnScript = (code: string, cliPath = process.execPath) =>
  createCliSpawner({ cliPath, cwd: process.cwd() }).spawn({ args: ['-e', code], env: { PATH: process.env.PATH ?? '' } }, new AbortController().signal);
const options = (overrides: Partial<TurnOptions> = {}): TurnOptions => ({
  signal: new AbortController().signal,
  requestTimeoutMs: 10_000,
  stallTimeoutMs: 300,
  ...overrides,
});
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function failure(run: () => Promise<unknown>): Promise<GatewayError> {
  const error = await run().then(() => undefined, (thrown: unknown) => thrown);
  if (!(error instanceof GatewayError)) throw new Error(`expected a GatewayError, got ${String(error)}`);
  return error;
}

const drainTurn = async (lines: AsyncIterable<string>) => {
  for await (const _line of lines);
};

describe('runTurn', () => {
  test('a consumer that pauses longer than the stall limit does not count as CLI silence', async () => {
    const cli = await spawnScript('let i = 0; const t = setInterval(() => { console.log(i++); if (i === 40) clearInterval(t); }, 10);');
    const lines: string[] = [];
    for await (const line of runTurn(cli, '', options())) {
      lines.push(line);
      if (lines.length === 5) await sleep(800); // a slow client holding the stream
    }
    expect(lines).toHaveLength(40);
  });

  test('real silence is a 504 timeout naming the stall limit, and the process is gone', async () => {
    const cli = await spawnScript('console.log("first"); setTimeout(() => {}, 5000);');
    const error = await failure(() => drainTurn(runTurn(cli, '', options())));
    expect(error).toMatchObject({ code: 'timeout', status: 504 });
    expect(error.message).toMatch(/no output for 0.3 s/);
    expect(await processGone(cli.pid!, 3000)).toBe(true);
  });

  test('the request deadline bounds a child that keeps talking', async () => {
    const cli = await spawnScript('setInterval(() => console.log("tick"), 20);');
    const error = await failure(() => drainTurn(runTurn(cli, '', options({ requestTimeoutMs: 400 }))));
    expect(error.message).toMatch(/longer than 0.4 s/);
  });

  test('stdin is written, kept open for more, and closed by endInput', async () => {
    const cli = await spawnScript('process.stdin.on("data", (d) => process.stdout.write(d)); process.stdin.on("end", () => console.log("eof"));');
    const lines: string[] = [];
    for await (const line of runTurn(cli, 'hello\n', options())) {
      lines.push(line);
      if (line === 'hello') cli.write('again\n');
      if (line === 'again') cli.endInput();
    }
    expect(lines).toEqual(['hello', 'again', 'eof']);
  });

  test('a missing executable is a 503 saying how to install the CLI', async () => {
    const cli = await spawnScript('', '/nonexistent/claude');
    const error = await failure(() => drainTurn(runTurn(cli, '', options())));
    expect(error).toMatchObject({ code: 'cli_not_installed', status: 503 });
  });

  test('information in errors: what the CLI writes to stderr is kept for the log, not put in the message', async () => {
    const cli = await spawnScript('console.error("fatal error reading /secret/path/config.json"); process.exit(3);');
    const error = await failure(() => drainTurn(runTurn(cli, '', options())));
    expect(error).toMatchObject({ code: 'cli_failed', message: 'The Claude CLI exited with code 3.' });
    expect(error.detail).toContain('/secret/path/config.json');
  });

  test('memory: a line that never ends is refused past the cap instead of being buffered whole', async () => {
    const cli = await spawnScript('const chunk = "x".repeat(1 << 20); let n = 0; const write = () => { while (n < 64 && process.stdout.write(chunk)) n++; if (n < 64) process.stdout.once("drain", () => { n++; write(); }); }; write(); setTimeout(() => {}, 10000);');
    const error = await failure(() => drainTurn(runTurn(cli, '', options({ stallTimeoutMs: 5000 }))));
    expect(error).toMatchObject({ code: 'cli_failed' });
    expect(error.message).toMatch(/line longer than 16 MiB/);
    expect(await processGone(cli.pid!, 3000)).toBe(true);
  });

  test('process trees: a timeout kills what the child started, even in a session of its own', async () => {
    // Like the CLI's Bash tool, the child starts a shell with setsid (detached), which a kill of the child alone misses.
    const pidFile = join(mkdtempSync(join(tmpdir(), 'ccg-tree-')), 'grandchild.pid');
    const code = `const { spawn } = require('node:child_process'); const g = spawn('sleep', ['300'], { detached: true, stdio: 'ignore' }); require('node:fs').writeFileSync(${JSON.stringify(pidFile)}, String(g.pid)); console.log('started'); setInterval(() => {}, 1000);`;
    const cli = await spawnScript(code);
    const error = await failure(() => drainTurn(runTurn(cli, '', options({ stallTimeoutMs: 5000, requestTimeoutMs: 1000 }))));
    expect(error.code).toBe('timeout');
    expect(existsSync(pidFile)).toBe(true);
    const grandchild = Number(readFileSync(pidFile, 'utf8'));
    expect(await processGone(grandchild, 3000)).toBe(true);
    expect(await processGone(cli.pid!, 3000)).toBe(true);
  });

  test('an aborted signal kills the child and surfaces its reason', async () => {
    const controller = new AbortController();
    const cli = await spawnScript('console.log("working"); setInterval(() => {}, 1000);');
    const error = await failure(async () => {
      for await (const _line of runTurn(cli, '', options({ signal: controller.signal, stallTimeoutMs: 5000 }))) {
        controller.abort(new GatewayError('shutting_down', 'stopping'));
      }
    });
    expect(error.code).toBe('shutting_down');
    expect(await processGone(cli.pid!, 3000)).toBe(true);
  });
});
