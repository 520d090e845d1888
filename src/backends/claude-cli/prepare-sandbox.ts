import { lstatSync, mkdirSync, statSync } from 'node:fs';
import { dirname } from 'node:path';

/**
 * Creates the CLI's working directory and checks it: a real directory (not a link), owned by this user, writable by
 * no one else, in a parent where no one else can swap it. Another local user could otherwise plant files (a
 * CLAUDE.md, a .mcp.json) where the CLI runs.
 */
export function prepareSandbox(dir: string): void {
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const stat = lstatSync(dir);
  const fail = (problem: string) => {
    throw new Error(`SANDBOX_DIR: '${dir}' ${problem}`);
  };
  if (!stat.isDirectory()) fail('is not a directory (links are refused)');
  if (process.getuid && stat.uid !== process.getuid()) fail('belongs to another user');
  if (stat.mode & 0o022) fail('is writable by other users');
  const parent = statSync(dirname(dir));
  const sticky = (parent.mode & 0o1000) !== 0; // like /tmp: others may not rename what is ours
  if (parent.mode & 0o022 && !sticky) fail('is in a directory other users can write to');
}
