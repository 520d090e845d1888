import { createWebFetchGuard } from '../../../src/backends/claude-cli/guard-web-fetch.js';

const dns: Record<string, string[]> = {
  'example.com': ['93.184.216.34', '2606:2800:220:1:248:1893:25c8:1946'],
  'intranet.example': ['10.1.2.3'],
  'rebind.example': ['93.184.216.34', '127.0.0.1'],
  'split.example': ['93.184.216.34'],
  'www.split.example': ['10.0.0.7'],
  'slow.example': [],
};
const guard = createWebFetchGuard(async (host) => {
  if (host === 'slow.example') return new Promise<string[]>(() => undefined); // never answers
  const found = dns[host];
  if (!found) throw new Error('ENOTFOUND');
  return found;
});
const decide = (url: unknown) => guard.decide({ tool_name: 'WebFetch', tool_input: { url, prompt: 'p' } });

describe('the WebFetch guard', () => {
  test.each(['https://example.com/page', 'http://93.184.216.34/', 'https://[2606:2800:220:1:248:1893:25c8:1946]/'])('a public URL gets no decision: %s', async (url) => {
    expect(await decide(url)).toBeUndefined();
  });

  test.each([
    'http://127.0.0.1:8000/', 'http://localhost.:8000/', 'http://10.0.0.5/', 'http://192.168.1.1/', 'http://172.16.0.1/',
    'http://169.254.169.254/latest/meta-data/', 'http://[::1]/', 'http://[fd00::1]/', 'http://[fe80::1]/', 'http://100.64.0.1/',
    'http://0.0.0.0/', 'http://2130706433/', 'http://0x7f000001/', 'http://127.1/', 'http://127.0.0.1./', 'http://[::ffff:127.0.0.1]/', 'http://intranet.example/',
    'http://rebind.example/',
    // the CLI follows a redirect to the www. twin of a host by itself, without asking the hook again
    'https://split.example/',
  ])('a private, loopback, link-local or reserved target is denied: %s', async (url) => {
    expect(await decide(url)).toMatchObject({ hookSpecificOutput: { hookEventName: 'PreToolUse', permissionDecision: 'deny' } });
  });

  test.each(['file:///etc/passwd', 'ftp://example.com/', 'not a url', 42, undefined, 'http://no-such-host.invalid/'])('what cannot be checked is denied: %s', async (url) => {
    expect(await decide(url)).toMatchObject({ hookSpecificOutput: { permissionDecision: 'deny' } });
  });

  test('a DNS server that never answers is a refusal after the lookup timeout, not a hung turn', async () => {
    const started = Date.now();
    expect(await decide('https://slow.example/')).toMatchObject({ hookSpecificOutput: { permissionDecision: 'deny' } });
    expect(Date.now() - started).toBeLessThan(10_000);
  }, 15_000);
});
