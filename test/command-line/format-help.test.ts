import { commandLineFlags } from '../../src/command-line/command-line-flags.js';
import { formatHelp } from '../../src/command-line/format-help.js';
import { configDefault, configVariables } from '../../src/config-schema.js';

describe('--help', () => {
  const help = formatHelp(configDefault);

  test('every flag sets a configuration variable', () => {
    for (const flag of commandLineFlags) expect(configVariables).toContain(flag.variable);
  });

  test("lists each flag with its variable and the schema's default", () => {
    const line = (flag: string) => help.split('\n').find((row) => row.trimStart().startsWith(`${flag} `)) ?? '';
    expect(line('--host')).toMatch(/--host H +HOST=H .*\(default: 127\.0\.0\.1\)$/);
    expect(line('--port')).toMatch(/--port P +PORT=P .*\(default: 8000\)$/);
    expect(line('--config')).toMatch(/--config FILE +CONFIG_FILE=FILE .*\(default: none\)$/);
    expect(line('--demo')).toMatch(/--demo +DEMO=true .*\(default: false\)$/);
    expect(help).toMatch(/-h, --help/);
    expect(help).toMatch(/-v, --version/);
  });

  test('takes the defaults from where it is told, keeping no copy of its own', () => {
    expect(formatHelp((variable) => `<${variable}>`)).toContain('(default: <PORT>)');
  });
});
