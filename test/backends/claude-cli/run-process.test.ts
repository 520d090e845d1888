import { startCliProcess, type RunOptions } from '../../../src/backends/claude-cli/run-process.js';
import { GatewayError } from '../../../src/core/errors.js';

/** The runner's own contract (watchdogs, signal), exercised with a tiny node script standing in for any child. */
const script = (code: string) => ({ args: ['-e', code], env: { PATH: process.env.PATH ?? '' }, stdin: '' });
const options = (overrides: Partial<RunOptions> = {}): RunOptions => ({
  cliPath: process.execPath,
  cwd: process.cwd(),
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

describe('startCliProcess', () => {
  test('a consumer that pauses longer than the stall limit does not count as CLI silence', async () => {
    const cli = startCliProcess(script('let i = 0; const t = setInterval(() => { console.log(i++); if (i === 40) clearInterval(t); }, 10);'), options());
    const lines: string[] = [];
    for await (const line of cli.lines) {
      lines.push(line);
      if (lines.length === 5) await sleep(800); // a slow client holding the stream
    }
    expect(lines).toHaveLength(40);
  });

  test('real silence is a 504 timeout naming the stall limit', async () => {
    const cli = startCliProcess(script('console.log("first"); setTimeout(() => {}, 5000);'), options());
    const error = await failure(async () => {
      for await (const _line of cli.lines);
    });
    expect(error).toMatchObject({ code: 'timeout', status: 504 });
    expect(error.message).toMatch(/no output for 0.3 s/);
  });

  test('the request deadline bounds a child that keeps talking', async () => {
    const cli = startCliProcess(script('setInterval(() => console.log("tick"), 20);'), options({ requestTimeoutMs: 400 }));
    const error = await failure(async () => {
      for await (const _line of cli.lines);
    });
    expect(error.message).toMatch(/longer than 0.4 s/);
  });

  test('stdin is written, kept open for more, and closed by endInput', async () => {
    const echo = 'process.stdin.on("data", (d) => process.stdout.write(d)); process.stdin.on("end", () => console.log("eof"));';
    const cli = startCliProcess({ ...script(echo), stdin: 'hello\n' }, options());
    const lines: string[] = [];
    for await (const line of cli.lines) {
      lines.push(line);
      if (line === 'hello') cli.send('again');
      if (line === 'again') cli.endInput();
    }
    expect(lines).toEqual(['hello', 'again', 'eof']);
  });

  test('a missing executable is a 503 saying how to install the CLI', async () => {
    const cli = startCliProcess(script(''), options({ cliPath: '/nonexistent/claude' }));
    const error = await failure(async () => {
      for await (const _line of cli.lines);
    });
    expect(error).toMatchObject({ code: 'cli_not_installed', status: 503 });
  });
});
