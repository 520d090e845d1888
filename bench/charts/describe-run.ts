import { execFileSync } from 'node:child_process';
import { cpus, release, totalmem, type } from 'node:os';

/**
 * What every chart's caption says about the run: the date, the CLI that ran (asked for its version, as the gateway
 * would run it), the machine and Node.
 */
export function describeRun(cliPath: string, env: Record<string, string>, now = new Date()): string {
  const cli = execFileSync(cliPath, ['--version'], { env, encoding: 'utf8' }).trim().split(/\s/)[0];
  const cores = cpus();
  const machine = `${cores.length} × ${cores[0]?.model.trim() ?? 'unknown CPU'}, ${Math.round(totalmem() / 2 ** 30)} GiB, ${type()} ${release()}`;
  return `${now.toISOString().slice(0, 10)} · claude ${cli} · ${machine} · Node ${process.version}`;
}
