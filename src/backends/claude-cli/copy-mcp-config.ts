import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CheckedMcpConfig, OperatorMcpServer } from './read-mcp-config.js';

/** The operator's MCP servers as the CLI gets them (`--mcp-config=<path>`). */
export interface OperatorMcp {
  /** The private copy the CLI loads, absolute so the CLI finds it from its sandbox. */
  path: string;
  servers: readonly OperatorMcpServer[];
}

/**
 * Writes the checked contents to a file of their own (mode 0600, in a fresh directory under `dir` that only this user
 * can enter): every CLI re-reads its `--mcp-config` file when it starts, so pointing it at the operator's live file
 * would let a server added there later start and reach the model, past the rules checked at start-up. The contents
 * never go into argv instead: they may hold credentials, and argv shows in `ps`. Never the sandbox: the model's file
 * tools work there. The caller removes the directory (`dirname(path)`) when done.
 */
export function copyMcpConfig(checked: CheckedMcpConfig, dir = tmpdir()): OperatorMcp {
  const copyDir = mkdtempSync(join(dir, 'ccg-mcp-config-')); // mode 0700
  const path = join(copyDir, 'mcp.json');
  writeFileSync(path, checked.text, { mode: 0o600, flag: 'wx' });
  return { path, servers: checked.servers };
}
