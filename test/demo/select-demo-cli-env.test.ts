import { loadConfig } from '../../src/config.js';
import { selectDemoCliEnv } from '../../src/demo/select-demo-cli-env.js';

describe("the CLI's environment in demo mode", () => {
  test('points the CLI at the demo upstream with a HOME of its own, and keeps no credential, endpoint or proxy', () => {
    const { cliEnv } = loadConfig(
      {
        PATH: '/usr/bin',
        HOME: '/home/u',
        LANG: 'fr_FR.UTF-8',
        LC_ALL: 'fr_FR.UTF-8',
        TZ: 'Europe/Paris',
        ANTHROPIC_API_KEY: 'sk-ant-real',
        ANTHROPIC_AUTH_TOKEN: 'real-token',
        ANTHROPIC_BASE_URL: 'https://api.anthropic.com',
        CLAUDE_CODE_OAUTH_TOKEN: 'oauth',
        CLAUDE_CODE_USE_BEDROCK: '1',
        AWS_SECRET_ACCESS_KEY: 'aws',
        CLAUDE_CONFIG_DIR: '/home/u/.claude',
        HTTPS_PROXY: 'http://proxy.example:3128',
        CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC: '0',
      },
      '/nonexistent/.env',
    );
    expect(selectDemoCliEnv(cliEnv, 'http://127.0.0.1:4321', '/tmp/demo-home')).toEqual({
      PATH: '/usr/bin',
      LANG: 'fr_FR.UTF-8',
      LC_ALL: 'fr_FR.UTF-8',
      TZ: 'Europe/Paris',
      HOME: '/tmp/demo-home',
      ANTHROPIC_BASE_URL: 'http://127.0.0.1:4321',
      ANTHROPIC_API_KEY: 'demo-key-not-a-secret',
      CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC: '1',
      DISABLE_TELEMETRY: '1',
      DISABLE_ERROR_REPORTING: '1',
      DISABLE_AUTOUPDATER: '1',
    });
  });
});
