import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError, loadConfig, readLocale } from '../src/config.js';

const noFile = join(tmpdir(), 'no-such-env-file');
const messageOf = (env: Record<string, string>, envFile = noFile) => {
  try {
    loadConfig(env, envFile);
  } catch (error) {
    if (error instanceof ConfigError) return error.message;
    throw error;
  }
  throw new Error('the configuration was accepted');
};

describe('configuration errors in the operator language', () => {
  test("Chinese: the header, zod's own messages and the schema's", () => {
    const message = messageOf({ GATEWAY_LOCALE: 'zh', PORT: '70000', BODY_LIMIT: 'lots', MODEL_ALIASES: 'gpt-4o' });
    expect(message.split('\n')).toEqual([
      '配置无效：',
      '  PORT: 数值过大：期望 number <=65535',
      '  MODEL_ALIASES: \'gpt-4o\' 不是 alias=model 的形式',
      '  BODY_LIMIT: 大小，例如 512kb 或 20mb',
    ]);
  });

  test('Chinese: refusing a non-loopback HOST without keys, and TOOL_POLICY=custom without tools', () => {
    expect(messageOf({ LANG: 'zh_CN.UTF-8', HOST: '0.0.0.0' })).toContain('API_KEYS: HOST=0.0.0.0 可被其他机器访问，因此必须设置 API_KEYS');
    expect(messageOf({ LANG: 'zh_CN.UTF-8', TOOL_POLICY: 'custom' })).toContain('TOOLS_ALLOW: TOOL_POLICY=custom 需要允许的工具列表');
  });

  test('English by default and when GATEWAY_LOCALE says so over LANG', () => {
    expect(messageOf({ PORT: '70000' })).toBe('Invalid configuration:\n  PORT: Too big: expected number to be <=65535');
    expect(messageOf({ GATEWAY_LOCALE: 'en', LANG: 'zh_CN.UTF-8', PORT: '70000' })).toMatch(/^Invalid configuration:/);
  });

  test('GATEWAY_LOCALE is checked: a language there is no catalog for is an error, said in English', () => {
    expect(messageOf({ GATEWAY_LOCALE: 'fr' })).toBe('Invalid configuration:\n  GATEWAY_LOCALE: en or zh (zh_CN and the like count as zh)');
    expect(loadConfig({ GATEWAY_LOCALE: 'zh_CN.UTF-8' }, noFile).locale).toBe('zh');
    expect(loadConfig({ LANG: 'de_DE.UTF-8' }, noFile).locale).toBe('en');
  });

  test('.env may set it, and readLocale sees what loadConfig will', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'ccg-env-')), '.env');
    writeFileSync(file, 'GATEWAY_LOCALE=zh\n');
    expect(readLocale({}, file)).toBe('zh');
    expect(messageOf({ PORT: 'x' }, file)).toMatch(/^配置无效：/);
    expect(readLocale({ GATEWAY_LOCALE: 'en' }, file)).toBe('en'); // the real environment wins over the file
  });
});
