import { once } from 'node:events';
import { createServer } from 'node:net';
import { startFakeAnthropic, type FakeAnthropic } from '../support/fake-anthropic.js';
import { listening, mainEnv, startMain } from '../support/main-process.js';
import { readMetrics } from '../support/scrape-metrics.js';
import { poolSizeUnderTest } from '../support/start-gateway.js';

const freePort = async () => {
  const server = createServer().listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as { port: number };
  server.close();
  return port;
};

const chat = (url: string, stream = false) =>
  fetch(`${url}/v1/chat/completions`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ model: 'sonnet', stream, messages: [{ role: 'user', content: 'Hi' }] }) });

describe('metrics of the gateway process, with the real CLI', () => {
  let upstream: FakeAnthropic;
  let env: Record<string, string>;
  beforeAll(async () => {
    upstream = await startFakeAnthropic();
    env = mainEnv(upstream);
  });
  afterAll(() => upstream.close());

  test('a chat request, a streamed one and a failed one move the counters they should', async () => {
    const main = startMain(env);
    try {
      const url = await listening(main.output);
      const scrape = async () => readMetrics(await (await fetch(`${url}/metrics`)).text());
      const before = await scrape();
      expect((await chat(url)).status).toBe(200);
      const streamed = await chat(url, true);
      expect(await streamed.text()).toContain('data: [DONE]');
      upstream.script({ kind: 'error', status: 500, type: 'api_error' });
      expect((await chat(url)).status).toBe(502);
      const after = await scrape();
      const delta = (name: string, labels: Record<string, string>) => after.value(name, labels) - before.value(name, labels);
      const chats = { front: 'openai-chat', route: '/v1/chat/completions', model: 'sonnet' };
      expect(delta('gateway_requests_total', { ...chats, status: '200' })).toBe(2);
      expect(delta('gateway_requests_total', { ...chats, status: '502' })).toBe(1);
      expect(delta('gateway_upstream_errors_total', { provider: 'claude-cli', code: 'upstream_error' })).toBe(1);
      expect(after.count('gateway_time_to_first_content_seconds', { provider: 'claude-cli', model: 'sonnet' })).toBe(2);
      // The fake upstream reports 21 input and 7 output tokens a call; the CLI adds them up and prices them.
      expect(delta('gateway_tokens_total', { model: 'sonnet', kind: 'input' })).toBeGreaterThanOrEqual(42);
      expect(delta('gateway_tokens_total', { model: 'sonnet', kind: 'output' })).toBeGreaterThanOrEqual(14);
      expect(delta('gateway_cost_usd_total', { provider: 'claude-cli', model: 'sonnet' })).toBeGreaterThan(0);
      expect(after.count('gateway_queue_wait_seconds', { queue: 'cli' }) - before.count('gateway_queue_wait_seconds', { queue: 'cli' })).toBe(3);
      // The pool's CLIs are alive between requests.
      expect(after.value('gateway_cli_processes')).toBeGreaterThanOrEqual(poolSizeUnderTest);
      expect(after.value('process_resident_memory_bytes')).toBeGreaterThan(0);
    } finally {
      main.child.kill('SIGTERM');
      await once(main.child, 'exit');
    }
  });

  test('METRICS_PORT serves them on their own port, and the main port no longer does', async () => {
    const metricsPort = await freePort();
    const main = startMain({ ...env, CLI_POOL_SIZE: '0', METRICS_PORT: String(metricsPort), API_KEYS: 'sk-metrics-test' });
    try {
      const url = await listening(main.output);
      const auth = { authorization: 'Bearer sk-metrics-test' };
      expect((await fetch(`${url}/metrics`, { headers: auth })).status).toBe(404);
      for (let i = 0; i < 100 && !main.output().includes('metrics on /metrics'); i += 1) await new Promise((resolve) => setTimeout(resolve, 50));
      expect((await fetch(`http://127.0.0.1:${metricsPort}/metrics`)).status).toBe(401);
      const scraped = await fetch(`http://127.0.0.1:${metricsPort}/metrics`, { headers: auth });
      expect(scraped.status).toBe(200);
      expect(readMetrics(await scraped.text()).families.has('gateway_requests_total')).toBe(true);
    } finally {
      main.child.kill('SIGTERM');
      await once(main.child, 'exit');
    }
  });
});
