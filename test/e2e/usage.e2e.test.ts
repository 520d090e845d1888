import type { ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import { startFakeAnthropic, type FakeAnthropic } from '../support/fake-anthropic.js';
import { listening, mainEnv, startMain, stopMains } from '../support/main-process.js';
import { redisInstalled, startRedis, type RedisUnderTest } from '../support/redis-server.js';
import { readSse, readSseEvents } from '../support/read-sse.js';

const [alice, bob, boss] = ['sk-usage-alice', 'sk-usage-bob', 'sk-usage-admin'];
const idOf = (key: string) => createHash('sha256').update(key).digest('hex').slice(0, 16);
const headers = (key: string) => ({ 'content-type': 'application/json', authorization: `Bearer ${key}` });
const ask = [{ role: 'user', content: 'Hi' }];

interface Totals {
  requests: number;
  input_tokens: number;
  output_tokens: number;
  cache_read_tokens: number;
  cache_creation_tokens: number;
  cost_usd: number | null;
  unpriced_requests: number;
}

/**
 * The gateway process with the real CLI, two keys and an admin: requests through the OpenAI chat and Anthropic
 * Messages fronts, streamed and not, then GET /v1/usage. With redis-server installed, two replicas share one Redis
 * (each key's requests on its own replica, the totals read on the other); else one replica in memory.
 */
describe(`usage per key with the real CLI (${redisInstalled ? 'two replicas, Redis' : 'one replica, memory'})`, () => {
  let upstream: FakeAnthropic;
  let redis: RedisUnderTest | undefined;
  const replicas: Array<{ child: ChildProcess; url: string }> = [];
  const at = (replica: number) => replicas[replica % replicas.length]!.url;

  beforeAll(async () => {
    upstream = await startFakeAnthropic();
    redis = redisInstalled ? await startRedis() : undefined;
    for (let i = 0; i < (redis ? 2 : 1); i += 1) {
      const main = startMain({ ...mainEnv(upstream), CLI_POOL_SIZE: '0', API_KEYS: `${alice},${bob}`, ADMIN_API_KEYS: boss, ...(redis ? { REDIS_URL: redis.url } : {}) });
      replicas.push({ child: main.child, url: await listening(main.output) });
    }
  }, 60_000);
  afterAll(async () => {
    await stopMains(replicas.map((replica) => replica.child));
    await upstream.close();
    await redis?.stop();
  });

  const post = async (replica: number, path: string, key: string, body: unknown) => {
    const answer = await fetch(`${at(replica)}${path}`, { method: 'POST', headers: headers(key), body: JSON.stringify(body) });
    expect(answer.status).toBe(200);
    return answer;
  };
  const usageOf = async (replica: number, key: string, query = '') => {
    const answer = await fetch(`${at(replica)}/v1/usage${query}`, { headers: headers(key) });
    return { status: answer.status, body: (await answer.json()) as { key_id: string; admin: boolean; data: Array<{ key_id: string; totals: Totals; by_model: Array<Totals & { model: string }>; by_day: Array<Totals & { date: string }> }> } };
  };

  test("each key's requests add up to its own totals, the other key cannot read them, and the admin sees both", async () => {
    // Alice, on the first replica: a chat completion and an Anthropic message, neither streamed.
    type ChatUsage = { prompt_tokens: number; completion_tokens: number; prompt_tokens_details: { cached_tokens: number } };
    type MessageUsage = { input_tokens: number; output_tokens: number; cache_read_input_tokens: number; cache_creation_input_tokens: number };
    const chat = (await (await post(0, '/v1/chat/completions', alice, { model: 'sonnet', messages: ask })).json()) as { usage: ChatUsage };
    const message = (await (await post(0, '/v1/messages', alice, { model: 'sonnet', max_tokens: 100, messages: ask })).json()) as { usage: MessageUsage };
    // Bob, on the second: a streamed chat completion with its usage chunk, and a streamed message.
    const streamed = readSse(await (await post(1, '/v1/chat/completions', bob, { model: 'sonnet', stream: true, stream_options: { include_usage: true }, messages: ask })).text());
    const bobChat = (streamed.findLast((chunk) => (chunk as { usage?: unknown }).usage) as { usage: ChatUsage }).usage;
    const bobMessage = readSseEvents(await (await post(1, '/v1/messages', bob, { model: 'sonnet', max_tokens: 100, stream: true, messages: ask })).text());
    const bobMessageUsage = (bobMessage.find((event) => event.event === 'message_delta')!.data as { usage: MessageUsage }).usage; // the totals

    // Read on the other replica: the store, not a replica's memory, holds the totals.
    const mine = await usageOf(1, alice);
    expect(mine.status).toBe(200);
    expect(mine.body).toMatchObject({ key_id: idOf(alice), admin: false });
    expect(mine.body.data.map((key) => key.key_id)).toEqual([idOf(alice)]);
    const a = mine.body.data[0]!;
    expect(a.totals).toMatchObject({
      requests: 2,
      output_tokens: chat.usage.completion_tokens + message.usage.output_tokens,
      input_tokens: message.usage.input_tokens + chat.usage.prompt_tokens - chat.usage.prompt_tokens_details.cached_tokens - message.usage.cache_creation_input_tokens,
      cache_read_tokens: chat.usage.prompt_tokens_details.cached_tokens + message.usage.cache_read_input_tokens,
      cache_creation_tokens: 2 * message.usage.cache_creation_input_tokens, // the fake reports the same for every call
      unpriced_requests: 0,
    });
    expect(a.totals.output_tokens).toBeGreaterThan(0);
    expect(a.totals.cost_usd).toBeGreaterThan(0); // the CLI's total_cost_usd on an API key
    expect(a.by_model.map((model) => model.model)).toEqual(['claude-cli/sonnet']);
    expect(a.by_day).toEqual([expect.objectContaining({ date: new Date().toISOString().slice(0, 10), requests: 2 })]);

    const theirs = await usageOf(0, bob);
    const b = theirs.body.data[0]!;
    expect(theirs.body.data.map((key) => key.key_id)).toEqual([idOf(bob)]);
    expect(b.totals).toMatchObject({
      requests: 2,
      output_tokens: bobChat.completion_tokens + bobMessageUsage.output_tokens,
      cache_read_tokens: bobChat.prompt_tokens_details.cached_tokens + bobMessageUsage.cache_read_input_tokens,
      unpriced_requests: 0,
    });
    expect(b.totals.input_tokens + b.totals.cache_read_tokens + b.totals.cache_creation_tokens).toBe(
      bobChat.prompt_tokens + bobMessageUsage.input_tokens + bobMessageUsage.cache_read_input_tokens + bobMessageUsage.cache_creation_input_tokens,
    );
    expect(b.totals.cost_usd).toBeGreaterThan(0);

    expect((await usageOf(0, bob, `?key_id=${idOf(alice)}`)).status).toBe(404);
    expect((await fetch(`${at(0)}/v1/usage`)).status).toBe(401);

    const all = await usageOf(0, boss);
    expect(all.body.admin).toBe(true);
    expect(all.body.data).toEqual([a, b].sort((x, y) => x.key_id.localeCompare(y.key_id)));
  });
});
