import { execa } from 'execa';
import { z } from 'zod';
import type { AuthStatus, BackendStatus } from '../../core/backend.js';
import { GatewayError } from '../../core/errors.js';
import { mapProcessError } from './map-process-error.js';

interface ProbeOptions {
  cliPath: string;
  env: Record<string, string>;
  cwd: string;
}

const probeTimeoutMs = 10_000;

/** `claude --version` prints e.g. `2.1.197 (Claude Code)`. */
export async function readCliVersion(options: ProbeOptions): Promise<BackendStatus> {
  try {
    const { stdout } = await execa(options.cliPath, ['--version'], probeExecaOptions(options));
    return { available: true, version: stdout.trim().split(/\s+/)[0], problem: undefined };
  } catch (error) {
    // /health is open to anyone who can reach the port: the reason, not the command line or its paths.
    const failure = error as { code?: string; exitCode?: number; timedOut?: boolean };
    const reason = failure.code ?? (failure.timedOut ? 'timed out' : `exit code ${failure.exitCode ?? 'unknown'}`);
    return { available: false, version: undefined, problem: `The Claude Code CLI did not run (${reason}); see the gateway's startup log for where it was looked for.` };
  }
}

const authStatusSchema = z.looseObject({
  loggedIn: z.boolean(),
  authMethod: z.string(),
  apiProvider: z.string(),
  apiKeySource: z.string().optional(),
});

/** `claude auth status` reports the credential the CLI would use (method and source, never the secret). */
export async function readCliAuthStatus(options: ProbeOptions): Promise<AuthStatus> {
  const run = await execa(options.cliPath, ['auth', 'status'], { ...probeExecaOptions(options), reject: false });
  if (run.failed && !run.stdout.startsWith('{')) throw mapProcessError(run, options.cliPath);
  let status;
  try {
    status = authStatusSchema.parse(JSON.parse(run.stdout));
  } catch (error) {
    throw new GatewayError('cli_failed', 'The Claude CLI answered `claude auth status` with something other than its JSON report.', { cause: error });
  }
  return { loggedIn: status.loggedIn, method: status.authMethod, provider: status.apiProvider, source: status.apiKeySource };
}

function probeExecaOptions(options: ProbeOptions) {
  return { env: options.env, extendEnv: false, cwd: options.cwd, timeout: probeTimeoutMs, stdin: 'ignore' } as const;
}
