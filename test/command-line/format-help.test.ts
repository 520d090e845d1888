import { commandLineFlags } from '../../src/command-line/command-line-flags.js';
import { formatHelp } from '../../src/command-line/format-help.js';
import { configDefault, configVariables } from '../../src/config-schema.js';
import { messagesZh } from '../../src/locale/messages-zh.js';

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

  test('in Chinese: the same rows, the texts from the Chinese catalog', () => {
    const chinese = formatHelp(configDefault, messagesZh.help);
    expect(chinese).toMatch(/^用法：claude-code-gateway \[选项\]/);
    expect(chinese).toMatch(/--port P +PORT=P +监听的端口；0 表示自动选择空闲端口（默认：8000）$/m);
    expect(chinese).toMatch(/--config FILE +CONFIG_FILE=FILE .*（默认：无）$/m);
    expect(chinese).toMatch(/-h, --help +显示此帮助$/m);
  });
});
