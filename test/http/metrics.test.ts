import request from 'supertest';
import { GatewayError } from '../../src/core/errors.js';
import { createMetricsApp } from '../../src/http/create-metrics-app.js';
import { createMetrics } from '../../src/metrics/create-metrics.js';
import { createTestApp } from '../support/create-test-app.js';
import { createFakeBackend, finish, type FakeRun } from '../support/fake-backend.js';
import { readMetrics } from '../support/scrape-metrics.js';

const chat = (model: string, stream = false) => ({ model, stream, messages: [{ role: 'user', content: 'Hello' }] });

describe('GET /metrics', () => {
  const runs: FakeRun[] = [];
  const { backend } = createFakeBackend(() => runs.shift() ?? { events: finish('Hi there.') });
  const queues = { cli: { active: 3, queued: 2 } };
  const metrics = createMetrics({ cliProcesses: () => 5, queues });
  const app = createTestApp(backend, { metrics });
  const scrape = async () => readMetrics((await request(app).get('/metrics').expect(200).expect('content-type', /^text\/plain; version=0\.0\.4/)).text);
  const chatRequests = { front: 'openai-chat', route: '/v1/chat/completions' };

  test('a chat request moves the request, duration, first-content, token and cost metrics', async () => {
    const before = await scrape();
    await request(app).post('/v1/chat/completions').send(chat('sonnet')).expect(200);
    const after = await scrape();
    const moved = (name: string, labels: Record<string, string>, by: number, read: 'value' | 'count' = 'value') => expect(after[read](name, labels) - before[read](name, labels)).toBeCloseTo(by, 9);
    moved('gateway_requests_total', { ...chatRequests, status: '200', model: 'sonnet' }, 1);
    moved('gateway_request_duration_seconds', { ...chatRequests, model: 'sonnet' }, 1, 'count');
    moved('gateway_time_to_first_content_seconds', { provider: 'claude-cli', model: 'sonnet' }, 1, 'count');
    moved('gateway_model_run_duration_seconds', { provider: 'claude-cli', model: 'sonnet', outcome: 'finished' }, 1, 'count');
    // fake-backend's finish: 10 in, 3 out, 4 cache read, 1 cache creation, $0.001
    moved('gateway_tokens_total', { model: 'sonnet', kind: 'input' }, 10);
    moved('gateway_tokens_total', { model: 'sonnet', kind: 'output' }, 3);
    moved('gateway_tokens_total', { model: 'sonnet', kind: 'cache_read' }, 4);
    moved('gateway_tokens_total', { model: 'sonnet', kind: 'cache_creation' }, 1);
    moved('gateway_cost_usd_total', { provider: 'claude-cli', model: 'sonnet' }, 0.001);
  });

  test('a streamed request counts once, as a 200, with its first content timed', async () => {
    const before = await scrape();
    const res = await request(app).post('/v1/chat/completions').send(chat('gpt-4o', true)).expect(200);
    expect(res.text).toContain('data: [DONE]');
    const after = await scrape();
    expect(after.value('gateway_requests_total', { ...chatRequests, status: '200', model: 'gpt-4o' }) - before.value('gateway_requests_total', { ...chatRequests, status: '200', model: 'gpt-4o' })).toBe(1);
    expect(after.count('gateway_time_to_first_content_seconds', { model: 'gpt-4o' }) - before.count('gateway_time_to_first_content_seconds', { model: 'gpt-4o' })).toBe(1);
  });

  test('failures: an upstream error counts by code, a bad request by status, under the route that answered', async () => {
    const before = await scrape();
    runs.push({ error: new GatewayError('upstream_overloaded', 'busy') });
    await request(app).post('/v1/chat/completions').send(chat('sonnet')).expect(503);
    await request(app).post('/v1/messages').send({ model: 'sonnet', messages: [] }).expect(400);
    const after = await scrape();
    const delta = (name: string, labels: Record<string, string>) => after.value(name, labels) - before.value(name, labels);
    expect(delta('gateway_upstream_errors_total', { provider: 'claude-cli', code: 'upstream_overloaded' })).toBe(1);
    expect(delta('gateway_requests_total', { ...chatRequests, status: '503', model: 'sonnet' })).toBe(1);
    expect(delta('gateway_requests_total', { front: 'anthropic-messages', route: '/v1/messages', status: '400' })).toBe(1);
    expect(after.count('gateway_model_run_duration_seconds', { outcome: 'failed' }) - before.count('gateway_model_run_duration_seconds', { outcome: 'failed' })).toBe(1);
  });

  test('labels stay bounded: unlisted model names are `other`, unknown paths `unmatched`, ids never appear', async () => {
    await request(app).post('/v1/chat/completions').send(chat('claude-made-up-by-a-client-7')).expect(200);
    await request(app).get('/v1/responses/resp_abcdef123').expect(404);
    await request(app).get('/v1/no/such/path/xyz').expect(404);
    await request(app).post('/V1/Chat/COMPLETIONS').send(chat('sonnet')).expect(200); // paths match in any case
    const text = (await request(app).get('/metrics').expect(200)).text;
    expect(text).not.toMatch(/claude-made-up|resp_abcdef|no\/such|COMPLETIONS/);
    const after = readMetrics(text);
    expect(after.value('gateway_requests_total', { model: 'other', status: '200' })).toBeGreaterThanOrEqual(1);
    expect(after.value('gateway_requests_total', { front: 'openai-responses', route: '/v1/responses/:id', status: '404' })).toBe(1);
    expect(after.value('gateway_requests_total', { route: 'unmatched', status: '404' })).toBeGreaterThanOrEqual(1);
    for (const family of after.families.values()) {
      for (const sample of family.metrics) {
        for (const [label, value] of Object.entries(sample.labels ?? {})) {
          if (label === 'model') expect(['opus', 'sonnet', 'haiku', 'gpt-4o', 'gpt-4o-mini', 'other', 'none']).toContain(value);
          if (label === 'route') expect(value).toMatch(/^(\/[\w.:-]*)+$|^unmatched$/);
        }
      }
    }
  });

  test('CLI processes, queue depth and slots in use read live; process metrics are there', async () => {
    const first = await scrape();
    expect(first.value('gateway_cli_processes')).toBe(5);
    expect(first.value('gateway_queue_depth', { queue: 'cli' })).toBe(2);
    expect(first.value('gateway_slots_in_use', { queue: 'cli' })).toBe(3);
    queues.cli.queued = 0;
    expect((await scrape()).value('gateway_queue_depth', { queue: 'cli' })).toBe(0);
    expect(first.families.has('process_cpu_seconds_total')).toBe(true);
    expect(first.families.has('nodejs_eventloop_lag_seconds')).toBe(true);
  });
});

describe('who may scrape', () => {
  const { backend } = createFakeBackend();
  const metrics = () => createMetrics({ cliProcesses: () => 0, queues: {} });

  test('behind the API key by default; METRICS_PUBLIC opens it', async () => {
    const locked = createTestApp(backend, { apiKeys: ['sk-test-key'], metrics: metrics() });
    expect((await request(locked).get('/metrics').expect(401)).body.error.code).toBe('invalid_api_key');
    await request(locked).get('/metrics').set('authorization', 'Bearer sk-test-key').expect(200);
    const open = createTestApp(backend, { apiKeys: ['sk-test-key'], metrics: metrics(), metricsRoute: { here: true, public: true } });
    await request(open).get('/metrics').expect(200);
  });

  test('with METRICS_PORT the main app has no /metrics; the metrics app keeps the key rule', async () => {
    const main = createTestApp(backend, { apiKeys: ['sk-test-key'], metricsRoute: { here: false, public: false } });
    await request(main).get('/metrics').set('authorization', 'Bearer sk-test-key').expect(404);
    const own = createMetricsApp({ registry: metrics().registry, apiKeys: ['sk-test-key'], allowedHosts: [], authFailuresPerMinute: 10, public: false });
    await request(own).get('/metrics').expect(401);
    expect((await request(own).get('/metrics').set('x-api-key', 'sk-test-key').expect(200)).text).toContain('process_cpu_seconds_total');
    await request(own).get('/elsewhere').set('x-api-key', 'sk-test-key').expect(404);
  });
});
