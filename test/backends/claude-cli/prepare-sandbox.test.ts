import { chmodSync, mkdirSync, mkdtempSync, statSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { prepareSandbox } from '../../../src/backends/claude-cli/prepare-sandbox.js';

const scratch = () => mkdtempSync(join(tmpdir(), 'ccg-sandbox-'));

describe('prepareSandbox', () => {
  test('creates a private directory', () => {
    const dir = join(scratch(), 'a', 'sandbox');
    prepareSandbox(dir);
    expect(statSync(dir).mode & 0o777).toBe(0o700);
    prepareSandbox(dir); // and accepts it the next time
  });

  test('refuses a link in its place', () => {
    const root = scratch();
    mkdirSync(join(root, 'elsewhere'));
    symlinkSync(join(root, 'elsewhere'), join(root, 'sandbox'));
    expect(() => prepareSandbox(join(root, 'sandbox'))).toThrow(/SANDBOX_DIR: .* is not a directory/);
  });

  test('refuses a directory others can write to', () => {
    const dir = join(scratch(), 'sandbox');
    mkdirSync(dir);
    chmodSync(dir, 0o777);
    expect(() => prepareSandbox(dir)).toThrow(/writable by other users/);
  });

  test('refuses a parent where others could swap it, but accepts a sticky one like /tmp', () => {
    const open = scratch();
    chmodSync(open, 0o777);
    expect(() => prepareSandbox(join(open, 'sandbox'))).toThrow(/directory other users can write to/);
    chmodSync(open, 0o1777);
    expect(() => prepareSandbox(join(open, 'sandbox'))).not.toThrow();
  });
});
