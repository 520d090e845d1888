import { subscriptionHeaders } from '../support/fake-anthropic.js';
import { startGateway, type GatewayUnderTest } from '../support/start-gateway.js';

const post = (gateway: GatewayUnderTest, path: string, body: object) =>
  fetch(`${gateway.url}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

const chat = { model: 'sonnet', messages: [{ role: 'user', content: 'Hi' }] };

describe('subscription quota end to end (real claude CLI on an OAuth login)', () => {
  let gateway: GatewayUnderTest;
  beforeAll(async () => {
    gateway = await startGateway({ subscription: true });
  });
  afterAll(() => gateway.close());

  test('the API\'s rate-limit headers reach the client; a used-up window is a 429 until its reset, with no CLI run', async () => {
    const resetsAt = Math.floor(Date.now() / 1000) + 2 * 3600;
    gateway.upstream.script({ kind: 'text', chunks: ['Fine.'], headers: subscriptionHeaders('allowed_warning', resetsAt, 0.95) });
    const normal = await post(gateway, '/v1/chat/completions', chat);
    expect(normal.status).toBe(200);
    expect(((await normal.json()) as { choices: Array<{ message: { content: string } }> }).choices[0]!.message.content).toBe('Fine.');
    expect(normal.headers.get('anthropic-ratelimit-unified-status')).toBe('allowed_warning');
    expect(normal.headers.get('anthropic-ratelimit-unified-reset')).toBe(String(resetsAt));
    expect(normal.headers.get('anthropic-ratelimit-unified-5h-utilization')).toBe('0.95');

    gateway.upstream.script({ kind: 'error', status: 429, type: 'rate_limit_error', headers: subscriptionHeaders('rejected', resetsAt, 1) });
    const exhausted = await post(gateway, '/v1/messages', { ...chat, max_tokens: 50 });
    expect(exhausted.status).toBe(429);
    expect(await exhausted.json()).toMatchObject({ type: 'error', error: { type: 'rate_limit_error' } });
    const seconds = Number(exhausted.headers.get('retry-after'));
    expect(seconds).toBeGreaterThan(2 * 3600 - 30);
    expect(seconds).toBeLessThanOrEqual(2 * 3600);
    const [upstreamCalls, served] = [gateway.upstream.requests.length, gateway.pids.length];

    const refused = await post(gateway, '/v1/responses', { model: 'sonnet', input: 'Hi' });
    expect(refused.status).toBe(429);
    expect(await refused.json()).toMatchObject({ error: { type: 'rate_limit_error', code: 'quota_exhausted' } });
    expect(Number(refused.headers.get('retry-after'))).toBeLessThanOrEqual(seconds);
    expect(refused.headers.get('anthropic-ratelimit-unified-status')).toBe('rejected');
    expect([gateway.upstream.requests.length, gateway.pids.length]).toEqual([upstreamCalls, served]);
  });
});
