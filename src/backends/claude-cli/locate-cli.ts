import { accessSync, constants } from 'node:fs';
import { createRequire } from 'node:module';
import { delimiter, dirname, join } from 'node:path';

export interface CliLocation {
  path: string;
  /** Where it came from, for the startup log and /health. */
  source: 'CLAUDE_CLI_PATH' | 'PATH' | 'bundled' | 'not found';
}

const isExecutable = (path: string) => {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
};

function bundledCli(): string | undefined {
  try {
    const manifest = createRequire(import.meta.url).resolve('@anthropic-ai/claude-code/package.json');
    return join(dirname(manifest), 'bin', 'claude.exe');
  } catch {
    return undefined;
  }
}

/** CLAUDE_CLI_PATH if set (it must exist), else `claude` on PATH, else the copy bundled by `npm install`. */
export function locateCli(configured: string | undefined, searchPath: string | undefined): CliLocation {
  if (configured !== undefined) {
    if (!isExecutable(configured)) throw new Error(`CLAUDE_CLI_PATH: '${configured}' is not an executable file`);
    return { path: configured, source: 'CLAUDE_CLI_PATH' };
  }
  for (const dir of (searchPath ?? '').split(delimiter).filter(Boolean)) {
    const candidate = join(dir, 'claude');
    if (isExecutable(candidate)) return { path: candidate, source: 'PATH' };
  }
  const bundled = bundledCli();
  if (bundled !== undefined && isExecutable(bundled)) return { path: bundled, source: 'bundled' };
  // Requests then fail with a 503 that says how to install it.
  return { path: 'claude', source: 'not found' };
}
