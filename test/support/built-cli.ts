import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

/** The command as npm installs it: the built dist/cli.js (package.json `bin`), run by this node. */
const root = new URL('../..', import.meta.url).pathname;
export const builtCliPath = join(root, 'dist', 'cli.js');

/** Fails with what to do when dist/ is missing or older than src/, rather than test yesterday's build. */
export function checkBuilt(): void {
  const stale = sources(join(root, 'src')).filter((source) => {
    const built = join(root, 'dist', relative(join(root, 'src'), source)).replace(/\.ts$/, '.js');
    try {
      return statSync(built).mtimeMs < statSync(source).mtimeMs;
    } catch {
      return true;
    }
  });
  if (stale.length > 0) throw new Error(`dist/ is older than ${relative(root, stale[0]!)}: run \`npm run build\` first`);
}

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => (entry.isDirectory() ? sources(join(dir, entry.name)) : entry.name.endsWith('.ts') ? [join(dir, entry.name)] : []));
}

export interface CliRun {
  child: ChildProcess;
  stdout: () => string;
  stderr: () => string;
}

export function startBuiltCli(args: readonly string[], env: Record<string, string>): CliRun {
  const child = spawn(process.execPath, [builtCliPath, ...args], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (data: Buffer) => (stdout += data.toString()));
  child.stderr!.on('data', (data: Buffer) => (stderr += data.toString()));
  return { child, stdout: () => stdout, stderr: () => stderr };
}

/** Runs it to the end (bounded), for the flags that print and exit. */
export async function runBuiltCli(args: readonly string[], env: Record<string, string> = { PATH: process.env.PATH ?? '/usr/bin:/bin' }) {
  const run = startBuiltCli(args, env);
  const timer = setTimeout(() => run.child.kill('SIGKILL'), 20_000);
  const [code] = (await once(run.child, 'exit')) as [number | null];
  clearTimeout(timer);
  return { code, stdout: run.stdout(), stderr: run.stderr() };
}
