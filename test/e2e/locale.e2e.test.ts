import { once } from 'node:events';
import { checkBuilt, runBuiltCli } from '../support/built-cli.js';
import { startFakeAnthropic, type FakeAnthropic } from '../support/fake-anthropic.js';
import { listening, mainEnv, startMain } from '../support/main-process.js';
import { eventually } from '../support/proc.js';

/** Operator-facing text in Chinese from the real entry points; what API clients get stays English. */
describe('GATEWAY_LOCALE=zh', () => {
  let upstream: FakeAnthropic;
  let env: Record<string, string>;
  beforeAll(async () => {
    checkBuilt();
    upstream = await startFakeAnthropic();
    env = { ...mainEnv(upstream), CLI_POOL_SIZE: '0', GATEWAY_LOCALE: 'zh' };
  });
  afterAll(() => upstream.close());

  test('a bad configuration is explained in Chinese, and start-up stops (exit code 1)', async () => {
    const main = startMain({ ...env, PORT: 'eighty', TOOL_POLICY: 'everything' });
    const [code] = await once(main.child, 'exit');
    expect(code).toBe(1);
    expect(main.output()).toContain('配置无效：\n  PORT: 无效输入：期望 数字');
    expect(main.output()).toContain('TOOL_POLICY: 无效选项');
    const offLoopback = startMain({ ...env, HOST: '0.0.0.0' });
    expect((await once(offLoopback.child, 'exit'))[0]).toBe(1);
    expect(offLoopback.output()).toContain('API_KEYS: HOST=0.0.0.0 可被其他机器访问，因此必须设置 API_KEYS');
  });

  test('a good one: the banner in Chinese, the JSON log and API errors in English', async () => {
    const main = startMain({ ...env, LANG: 'en_US.UTF-8' }); // GATEWAY_LOCALE wins over LANG
    try {
      const url = await listening(main.output);
      const banner = `claude-code-gateway 正在监听 ${url}/v1 · 无 API 密钥（仅限本机回环地址） · 工具策略 none：无工具\n`;
      await eventually(() => main.output().includes(banner));
      expect(main.output()).toContain(banner);
      expect(main.output()).toContain(`"msg":"listening on ${url}/v1"`);
      const response = await fetch(`${url}/v1/chat/completions`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
      expect(response.status).toBe(400);
      expect(JSON.stringify(await response.json())).not.toMatch(/[\u4e00-\u9fff]/);
    } finally {
      main.child.kill('SIGTERM');
      await once(main.child, 'exit');
    }
  });

  test('LANG=zh_CN.UTF-8 alone is enough, as for the built command', async () => {
    const lang = { PATH: process.env.PATH ?? '/usr/bin:/bin', LANG: 'zh_CN.UTF-8' };
    const help = await runBuiltCli(['--help'], lang);
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/^用法：claude-code-gateway \[选项\]/);
    expect(help.stdout).toMatch(/--port P +PORT=P +监听的端口；0 表示自动选择空闲端口（默认：8000）$/m);
    const bad = await runBuiltCli(['--port', 'eighty'], lang);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('配置无效：');
    const unknown = await runBuiltCli(['--prot', '1'], lang);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('运行 claude-code-gateway --help 查看选项。');
  });

  test('English without GATEWAY_LOCALE or LANG', async () => {
    const help = await runBuiltCli(['--help'], { PATH: process.env.PATH ?? '/usr/bin:/bin' });
    expect(help.stdout).toMatch(/^Usage: claude-code-gateway \[options\]/);
  });
});
