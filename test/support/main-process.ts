import { spawn, type ChildProcess } from 'node:child_process';
import { createRequire } from 'node:module';

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
