import type { ChildProcess } from 'node:child_process';
import OpenAI from 'openai';
import { bundledCliPath, cliEnvFor, makeCliDirs } from '../support/cli-under-test.js';
import { startFakeAnthropic, type FakeAnthropic } from '../support/fake-anthropic.js';
import { listening, startMain, stopMains } from '../support/main-process.js';
import { redisInstalled, startRedis, type RedisUnderTest } from '../support/redis-server.js';

const rateLimit = 24;

/** Two gateway processes (src/main.ts) sharing one real redis-server, as replicas behind a load balancer would. */
(redisInstalled ? describe : describe.skip)('two replicas with one Redis', () => {
  let redis: RedisUnderTest;
  let upstream: FakeAnthropic;
  const replicas: Array<{ child: ChildProcess; url: string; client: OpenAI }> = [];
  /** Requests the rate limit has counted so far, on either replica. */
  let counted = 0;

  beforeAll(async () => {
    redis = await startRedis();
    upstream = await startFakeAnthropic();
    for (let i = 0; i < 2; i += 1) {
      const { home, sandbox } = makeCliDirs();
      const env = {
        ...cliEnvFor(upstream, home),
        CLAUDE_CLI_PATH: bundledCliPath,
        SANDBOX_DIR: sandbox,
        PORT: '0',
        TOOL_POLICY: 'none',
        CLI_MAX_RETRIES: '0',
        CLI_POOL_SIZE: '0',
        REDIS_URL: redis.url,
        RATE_LIMIT_PER_MINUTE: String(rateLimit),
      };
      const main = startMain(env);
      const url = await listening(main.output);
      replicas.push({ child: main.child, url, client: new OpenAI({ baseURL: `${url}/v1`, apiKey: 'unused', maxRetries: 0 }) });
    }
  }, 60_000);
  afterAll(async () => {
    await stopMains(replicas.map((replica) => replica.child));
    await upstream.close();
    await redis.stop();
  });

  const chat = (replica: number, content: string, sessionId: string) => {
    counted += 1;
    return fetch(`${replicas[replica]!.url}/v1/chat/completions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ model: 'sonnet', session_id: sessionId, messages: [{ role: 'user', content }] }),
    });
  };

  test('a session started on one replica continues on the other', async () => {
    upstream.script({ kind: 'text', chunks: ['Noted: 42.'] }, { kind: 'text', chunks: ['It was 42.'] });
    expect((await chat(0, 'Remember 42.', 'replicated')).status).toBe(200);
    const second = await chat(1, 'What was it?', 'replicated');
    expect(second.status).toBe(200);
    const sent = JSON.stringify(upstream.requests.at(-1)!.body.messages);
    expect(sent).toContain('Remember 42.');
    expect(sent).toContain('Noted: 42.');
    counted += 1;
    const history = (await (await fetch(`${replicas[0]!.url}/v1/sessions/replicated`)).json()) as { messages: number };
    expect(history.messages).toBe(4);
  });

  test('a response stored by one replica is read and continued on the other', async () => {
    upstream.script({ kind: 'text', chunks: ['Stored on A.'] }, { kind: 'text', chunks: ['Continued on B.'] });
    counted += 3;
    const created = await replicas[0]!.client.responses.create({ model: 'sonnet', input: 'Hello A' });
    expect((await replicas[1]!.client.responses.retrieve(created.id)).output_text).toBe('Stored on A.');
    const next = await replicas[1]!.client.responses.create({ model: 'sonnet', input: 'And B?', previous_response_id: created.id });
    expect(next.output_text).toBe('Continued on B.');
    expect(JSON.stringify(upstream.requests.at(-1)!.body.messages)).toContain('Stored on A.');
  });

  test('the rate limit is shared: the replicas together allow RATE_LIMIT_PER_MINUTE requests', async () => {
    const statuses: number[] = [];
    for (let i = 0; statuses.at(-1) !== 429 && i < rateLimit * 2; i += 1) {
      statuses.push((await fetch(`${replicas[i % 2]!.url}/v1/models`)).status);
    }
    expect(statuses.at(-1)).toBe(429);
    expect(counted + statuses.length - 1).toBe(rateLimit);
  });
  test('Redis stopped: requests that need it get 503s, the rest serve, /health says so; then it recovers', async () => {
    await redis.stop();
    const refused = await chat(0, 'Anyone?', 'replicated');
    expect(refused.status).toBe(503);
    expect(((await refused.json()) as { error: { code: string } }).error.code).toBe('store_unavailable');
    upstream.script({ kind: 'text', chunks: ['Stateless works.'] });
    const stateless = await replicas[1]!.client.chat.completions.create({ model: 'sonnet', messages: [{ role: 'user', content: 'Hi' }] });
    expect(stateless.choices[0]!.message.content).toBe('Stateless works.');
    const health = (await (await fetch(`${replicas[0]!.url}/health`)).json()) as { status: string; store: { available: boolean } };
    expect(health).toMatchObject({ status: 'degraded', store: { available: false } });

    await redis.start();
    let status = '';
    for (const until = Date.now() + 20_000; status !== 'ok' && Date.now() < until; await new Promise((resolve) => setTimeout(resolve, 200))) {
      status = ((await (await fetch(`${replicas[0]!.url}/health`)).json()) as { status: string }).status;
    }
    expect(status).toBe('ok');
    upstream.script({ kind: 'text', chunks: ['Back.'] });
    // Redis restarted empty (nothing saved to disk): the session starts afresh, and works.
    expect((await chat(0, 'Still there?', 'after-restart')).status).toBe(200);
    // The rate limit counts again (Redis restarted empty, so from nothing).
    const statuses: number[] = [];
    for (let i = 0; statuses.at(-1) !== 429 && i < rateLimit * 2; i += 1) statuses.push((await fetch(`${replicas[i % 2]!.url}/v1/models`)).status);
    expect(statuses.at(-1)).toBe(429);
  });

});
