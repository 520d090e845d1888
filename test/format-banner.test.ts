import { formatBanner } from '../src/format-banner.js';
import { formatKeyNotice } from '../src/key-prompt/format-key-notice.js';
import { messagesEn } from '../src/locale/messages-en.js';
import { messagesZh } from '../src/locale/messages-zh.js';

describe('the start-up banner', () => {
  test('says where, whether a key is needed and which tools the model may run', () => {
    expect(formatBanner('http://127.0.0.1:8000', { keyRequired: false, toolPolicy: { mode: 'web', allow: [], deny: [] } }, messagesEn.banner)).toBe(
      'claude-code-gateway is listening on http://127.0.0.1:8000/v1 · no API key (loopback only) · tool policy web: WebSearch, WebFetch\n',
    );
    expect(formatBanner('http://[::1]:9', { keyRequired: true, toolPolicy: { mode: 'none', allow: [], deny: [] } }, messagesEn.banner)).toBe(
      'claude-code-gateway is listening on http://[::1]:9/v1 · API key required · tool policy none: no tools\n',
    );
  });

  test('names the operator MCP servers the policy offers, never one it does not', () => {
    const mcp = { path: '/tmp/ccg-mcp-config-x/mcp.json', servers: [{ name: 'github', transport: 'stdio' as const }, { name: 'docs', transport: 'http' as const }, { name: 'shell', transport: 'stdio' as const }] };
    const banner = (allow: string[]) => formatBanner('http://127.0.0.1:8000', { keyRequired: true, toolPolicy: { mode: 'custom', allow, deny: [], mcp } }, messagesEn.banner);
    expect(banner(['Read', 'mcp__github__*', 'mcp__docs'])).toBe(
      'claude-code-gateway is listening on http://127.0.0.1:8000/v1 · API key required · tool policy custom: Read + MCP servers github, docs\n',
    );
    expect(banner(['mcp__github__*'])).toContain('· tool policy custom: MCP servers github\n');
    expect(banner(['Read'])).toContain('· tool policy custom: Read\n');
    expect(formatBanner('http://127.0.0.1:8000', { keyRequired: true, toolPolicy: { mode: 'custom', allow: ['Read', 'mcp__github__*'], deny: [], mcp } }, messagesZh.banner)).toContain(
      '工具策略 custom：Read + MCP 服务器 github\n',
    );
  });

  test('in Chinese', () => {
    expect(formatBanner('http://127.0.0.1:8000', { keyRequired: true, toolPolicy: { mode: 'custom', allow: ['Read'], deny: [] } }, messagesZh.banner)).toBe(
      'claude-code-gateway 正在监听 http://127.0.0.1:8000/v1 · 需要 API 密钥 · 工具策略 custom：Read\n',
    );
  });

  test('a generated key is shown with a curl line that uses it, and how to keep it', () => {
    const notice = formatKeyNotice('http://127.0.0.1:8000', 'ccg-k', messagesEn.keyPrompt);
    expect(notice).toContain("curl http://127.0.0.1:8000/v1/models -H 'authorization: Bearer ccg-k'");
    expect(notice).toContain('API_KEYS=');
    expect(notice.match(/ccg-k/g)).toHaveLength(2);
  });
});
