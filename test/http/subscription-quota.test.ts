import request from 'supertest';
import { createQuotaTracker } from '../../src/core/quota-tracker.js';
import { createModelRouter } from '../../src/routing/create-model-router.js';
import { routingFileSchema } from '../../src/routing/routing-file-schema.js';
import { createTestApp, testCatalog } from '../support/create-test-app.js';
import { createFakeBackend } from '../support/fake-backend.js';
import { recordedQuotaReset } from '../support/fixtures.js';
import { backendOnSpawner, replaySpawner } from '../support/replay-spawner.js';

const chat = { model: 'sonnet', messages: [{ role: 'user', content: 'Hello' }] };
const messages = { model: 'sonnet', max_tokens: 100, messages: [{ role: 'user', content: 'Hello' }] };
const responses = { model: 'sonnet', input: 'Hello' };
const fronts = [
  { path: '/v1/chat/completions', body: chat },
  { path: '/v1/messages', body: messages },
  { path: '/v1/responses', body: responses },
];

/** The gateway on replays of a recorded subscription run, its clock `secondsBefore` the recorded window's reset. */
function gatewayOn(fixture: string, secondsBefore: number) {
  let now = (recordedQuotaReset - secondsBefore) * 1000;
  const replay = replaySpawner(fixture);
  const replayed = backendOnSpawner(replay.spawn, { quota: createQuotaTracker(() => now) });
  // The login as `claude auth status` would tell it for a `claude setup-token` login (no CLI runs to ask it here).
  const backend = { ...replayed, authStatus: async () => ({ loggedIn: true, method: 'oauth_token', provider: 'firstParty', source: 'CLAUDE_CODE_OAUTH_TOKEN' }) };
  return { app: createTestApp(backend), runs: () => replay.stdin.length, pass: (seconds: number) => void (now += seconds * 1000) };
}

describe('subscription quota: a run that reports the window used up', () => {
  test('answers 429 with Retry-After until the reset, and every front after it refuses in its own shape without a CLI run', async () => {
    const { app, runs } = gatewayOn('quota-exhausted', 1234);
    const first = await request(app).post('/v1/chat/completions').send(chat).expect(429);
    expect(first.headers['retry-after']).toBe('1234');
    expect(first.body.error).toMatchObject({ type: 'rate_limit_error', code: 'quota_exhausted' });
    expect(first.body.error.message).toContain("five-hour usage limit is reached; it resets at 2026-12-02T17:00:00.000Z");
    expect(first.headers['anthropic-ratelimit-unified-status']).toBe('rejected');
    expect(runs()).toBe(1);

    const chatAgain = await request(app).post('/v1/chat/completions').send({ ...chat, stream: true }).expect(429);
    expect(chatAgain.headers['retry-after']).toBe('1234');
    expect(chatAgain.headers['content-type']).toMatch(/^application\/json/); // refused before any stream began
    expect(chatAgain.body.error).toMatchObject({ type: 'rate_limit_error', code: 'quota_exhausted', param: null });

    const anthropic = await request(app).post('/v1/messages').send(messages).expect(429);
    expect(anthropic.headers['retry-after']).toBe('1234');
    expect(anthropic.body).toMatchObject({ type: 'error', error: { type: 'rate_limit_error', message: expect.stringContaining('usage limit is reached') } });
    expect(anthropic.headers['anthropic-ratelimit-unified-reset']).toBe(String(recordedQuotaReset));

    const openAiResponses = await request(app).post('/v1/responses').send({ ...responses, stream: true }).expect(429);
    expect(openAiResponses.headers['retry-after']).toBe('1234');
    expect(openAiResponses.body.error).toMatchObject({ type: 'rate_limit_error', code: 'quota_exhausted' });

    expect(runs()).toBe(1);
  });

  test('Retry-After counts down to the reset; after it, requests run the CLI again', async () => {
    const { app, runs, pass } = gatewayOn('quota-exhausted', 100);
    await request(app).post('/v1/messages').send(messages).expect(429);
    pass(60.2);
    expect((await request(app).post('/v1/messages').send(messages).expect(429)).headers['retry-after']).toBe('40');
    expect(runs()).toBe(1);
    pass(40);
    await request(app).post('/v1/messages').send(messages).expect(429); // the replay reports the window used up again
    expect(runs()).toBe(2);
  });

  test('a model routed to an OpenAI-compatible provider is not the subscription’s: it still answers', async () => {
    const replay = replaySpawner('quota-exhausted');
    const cli = backendOnSpawner(replay.spawn, { quota: createQuotaTracker(() => (recordedQuotaReset - 60) * 1000) });
    const file = routingFileSchema.parse({ providers: [{ name: 'local', type: 'openai', base_url: 'http://127.0.0.1:1/v1', models: ['qwen3'] }] });
    const router = createModelRouter({ file, cli, catalog: testCatalog, providers: new Map([['local', createFakeBackend().backend]]) });
    const app = createTestApp(cli, { router });
    await request(app).post('/v1/chat/completions').send(chat).expect(429);
    const routed = await request(app).post('/v1/chat/completions').send({ ...chat, model: 'local/qwen3' }).expect(200);
    expect(routed.body.choices[0].message.content).toBe('Hi there.');
    expect(routed.headers['anthropic-ratelimit-unified-status']).toBeUndefined();
  });
});

describe('subscription quota: headers on a normal run', () => {
  test.each(fronts)('$path: a whole answer carries the state its own run reported', async ({ path, body }) => {
    const { app } = gatewayOn('quota-warning', 3600);
    const res = await request(app).post(path).send(body).expect(200);
    expect(res.headers).toMatchObject({
      'anthropic-ratelimit-unified-status': 'allowed_warning',
      'anthropic-ratelimit-unified-reset': String(recordedQuotaReset),
      'anthropic-ratelimit-unified-representative-claim': 'five_hour',
      'anthropic-ratelimit-unified-5h-utilization': '0.92',
    });
    expect(res.headers['retry-after']).toBeUndefined();
  });

  test.each(fronts)('$path: a stream carries the latest state known when it starts (the CLI reports after the answer)', async ({ path, body }) => {
    const { app } = gatewayOn('quota-warning', 3600);
    const first = await request(app).post(path).send({ ...body, stream: true }).expect(200);
    expect(first.headers['anthropic-ratelimit-unified-status']).toBeUndefined();
    const second = await request(app).post(path).send({ ...body, stream: true }).expect(200);
    expect(second.headers).toMatchObject({ 'anthropic-ratelimit-unified-status': 'allowed_warning', 'anthropic-ratelimit-unified-5h-utilization': '0.92' });
  });

  test('an API-key run reports no quota: no headers', async () => {
    const app = createTestApp(backendOnSpawner(replaySpawner('text-turn').spawn));
    const res = await request(app).post('/v1/chat/completions').send(chat).expect(200);
    expect(Object.keys(res.headers).filter((name) => name.startsWith('anthropic-ratelimit'))).toEqual([]);
  });

  test('/v1/auth/status shows the state last reported', async () => {
    const { app } = gatewayOn('quota-warning', 3600);
    expect((await request(app).get('/v1/auth/status').expect(200)).body.quota).toBeNull();
    await request(app).post('/v1/messages').send(messages).expect(200);
    expect((await request(app).get('/v1/auth/status').expect(200)).body.quota).toEqual({
      status: 'allowed_warning',
      window: 'five_hour',
      resets_at: '2026-12-02T17:00:00.000Z',
      utilization: 0.92,
      overage_status: null,
    });
  });
});
