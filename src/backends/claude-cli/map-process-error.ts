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

/** A CLI that could not start or died without a result line → GatewayError. */
export function mapProcessError(error: unknown, cliPath: string): GatewayError {
  const failure = (typeof error === 'object' && error !== null ? error : {}) as ProcessFailure;
  if (failure.code === 'ENOENT' || failure.code === 'EACCES') {
    return new GatewayError('cli_not_installed', `The Claude Code CLI could not be run from '${cliPath}'. ${installHelp}`, {
      cause: error,
    });
  }
  const stderr = typeof failure.stderr === 'string' ? failure.stderr.trim().split('\n')[0]?.slice(0, 300) : undefined;
  const how = failure.signal ? `was killed by ${failure.signal}` : `exited with code ${failure.exitCode ?? 'unknown'}`;
  return new GatewayError('cli_failed', `The Claude CLI ${how}${stderr ? `: ${stderr}` : ''}.`, { cause: error });
}
