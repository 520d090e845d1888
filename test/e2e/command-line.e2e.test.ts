import { execa } from 'execa';
import { readFileSync } from 'node:fs';
import { commandLineFlags } from '../../src/command-line/command-line-flags.js';
import { configDefault } from '../../src/config-schema.js';
import { checkBuilt, runBuiltCli } from '../support/built-cli.js';

const { version } = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };

/** The built `claude-code-gateway` command's own flags (npm run build first). */
describe('claude-code-gateway (dist/cli.js)', () => {
  beforeAll(checkBuilt);

  test('--help lists every flag with the variable it sets and its default, and exits 0', async () => {
    const { code, stdout } = await runBuiltCli(['--help']);
    expect(code).toBe(0);
    for (const flag of commandLineFlags) {
      const line = stdout.split('\n').find((row) => row.trimStart().startsWith(`--${flag.name}`));
      const shown = configDefault(flag.variable);
      expect(line).toContain(`${flag.variable}=`);
      expect(line).toContain(`(default: ${shown === undefined ? 'none' : String(shown)})`);
    }
    expect(stdout).toMatch(/--help/);
    expect(stdout).toMatch(/--version/);
  });

  test("--version prints package.json's version", async () => {
    const { code, stdout } = await runBuiltCli(['--version']);
    expect(code).toBe(0);
    expect(stdout).toBe(`${version}\n`);
  });

  test('an unknown flag is an error that says so, with exit code 2, and starts nothing', async () => {
    const { code, stdout, stderr } = await runBuiltCli(['--demo', '--prot', '8080']);
    expect(code).toBe(2);
    expect(stderr).toContain("unknown option '--prot'");
    expect(stderr).toContain('--help');
    expect(stdout).toBe('');
  });

  test('a bad flag value is a configuration error naming the variable (exit code 1)', async () => {
    const { code, stderr } = await runBuiltCli(['--port', 'eighty']);
    expect(code).toBe(1);
    expect(stderr).toMatch(/PORT:/);
  });

  test('npx claude-code-gateway finds the package bin, shebang and all', async () => {
    const run = await execa('npm', ['exec', '--offline', '--no', '--', 'claude-code-gateway', '--version'], { reject: false, timeout: 30_000 });
    expect(run.exitCode).toBe(0);
    expect(run.stdout.trim()).toBe(version);
  }, 40_000);
});
