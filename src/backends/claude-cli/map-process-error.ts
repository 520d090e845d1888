import { GatewayError } from '../../core/errors.js';

interface ProcessFailure {
  code?: string | undefined;
  exitCode?: number | undefined;
  signal?: string | undefined;
  stderr?: unknown;
}

const installHelp =
  'Install it with `npm install` in the gateway (it bundles @anthropic-ai/claude-code) or ' +
  '`npm install -g @anthropic-ai/claude-code`, or point CLAUDE_CLI_PATH at the `claude` executable.';

/**
 * A CLI that could not start or died without a result line → GatewayError. What it wrote to stderr goes to the log
 * only (`detail`): it can name files and settings of the gateway's machine.
 */
export function mapProcessError(error: unknown, cliPath: string): GatewayError {
  const failure = (typeof error === 'object' && error !== null ? error : {}) as ProcessFailure;
  if (failure.code === 'ENOENT' || failure.code === 'EACCES') {
    return new GatewayError('cli_not_installed', `The Claude Code CLI could not be run from '${cliPath}'. ${installHelp}`, {
      cause: error,
    });
  }
  const stderr = typeof failure.stderr === 'string' ? failure.stderr.trim().slice(0, 2000) : '';
  const how = failure.code
    ? `could not be started (${failure.code})`
    : failure.signal
      ? `was killed by ${failure.signal}`
      : `exited with code ${failure.exitCode ?? 'unknown'}`;
  return new GatewayError('cli_failed', `The Claude CLI ${how}.`, { cause: error, detail: stderr || undefined });
}
