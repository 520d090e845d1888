import type { ChatCompletionCreateParamsNonStreaming } from 'openai/resources/chat/completions';
import { processGone, startGateway, type GatewayUnderTest } from '../support/start-gateway.js';

/** Polls until `check` holds (up to `withinMs`). */
async function eventually(check: () => boolean, withinMs = 10_000): Promise<boolean> {
  for (const until = Date.now() + withinMs; Date.now() < until; await new Promise((resolve) => setTimeout(resolve, 25))) {
    if (check()) return true;
  }
  return check();
}

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

const ask = (gateway: GatewayUnderTest, extra: Partial<ChatCompletionCreateParamsNonStreaming> = {}) =>
  gateway.client.chat.completions.create({ model: 'sonnet', messages: [{ role: 'user', content: 'Hi' }], ...extra });

/** A request that sets everything a run can set after start-up. */
const everything: Partial<ChatCompletionCreateParamsNonStreaming> = {
  messages: [
    { role: 'system', content: 'You are terse.' },
    { role: 'user', content: 'Weather?' },
  ],
  max_tokens: 3000,
  stop: ['STOP'],
  reasoning_effort: 'low',
  tools: [{ type: 'function', function: { name: 'get_weather', parameters: { type: 'object', properties: { city: { type: 'string' } } } } }],
  tool_choice: 'auto',
};

/** What the upstream request says, without the CLI's per-process identifiers. */
const comparable = (body: Record<string, unknown>) => ({ ...body, metadata: undefined });

describe('the CLI pool, on the real CLI', () => {
  test('hit: after a cold request the pool refills, and the next request runs on the waiting process, asking upstream exactly as a cold one', async () => {
    const gateway = await startGateway({ poolSize: 1 });
    try {
      await ask(gateway, everything);
      expect(gateway.pids).toEqual([gateway.allPids[0]]); // the first was cold
      expect(await eventually(() => gateway.pool.idle === 1)).toBe(true);
      const waiting = gateway.allPids.at(-1)!;
      const warm = await ask(gateway, everything);
      expect(warm.choices[0]!.message.content).toBe('Hello from fake.');
      expect(gateway.pids.at(-1)).toBe(waiting);
      const [cold, pooled] = gateway.upstream.requests.filter((request) => request.body.stream === true);
      expect(comparable(pooled!.body)).toEqual(comparable(cold!.body));
      expect(pooled!.body).toMatchObject({ max_tokens: 3000, stop_sequences: ['STOP'], output_config: { effort: 'low' } });
      // refill: once that request's process has gone, another waits in its place
      expect(await eventually(() => gateway.pool.idle === 1 && gateway.allPids.length === 3)).toBe(true);
    } finally {
      await gateway.close();
    }
  }, 60_000);

  test('miss: another model spawns cold and leaves the waiting process for its own model', async () => {
    const gateway = await startGateway({ poolSize: 1 });
    try {
      await ask(gateway);
      expect(await eventually(() => gateway.pool.idle === 1)).toBe(true);
      const waiting = gateway.allPids.at(-1)!;
      await ask(gateway, { model: 'haiku' });
      expect(gateway.pids.at(-1)).not.toBe(waiting);
      expect(gateway.upstream.requests.at(-1)!.body.model).toMatch(/haiku/);
      expect(alive(waiting)).toBe(true);
    } finally {
      await gateway.close();
    }
  }, 60_000);

  test('idle recycle: a process left waiting too long is closed and a fresh one takes its place, which then serves', async () => {
    const gateway = await startGateway({ poolSize: 1, poolIdleMs: 1500 });
    try {
      await ask(gateway);
      expect(await eventually(() => gateway.pool.idle === 1)).toBe(true);
      const first = gateway.allPids.at(-1)!;
      expect(await processGone(first, 5000)).toBe(true);
      expect(await eventually(() => gateway.pool.idle === 1 && gateway.allPids.at(-1) !== first)).toBe(true);
      const fresh = gateway.allPids.at(-1)!;
      expect((await ask(gateway)).choices[0]!.message.content).toBe('Hello from fake.');
      expect(gateway.pids.at(-1)).toBe(fresh);
    } finally {
      await gateway.close();
    }
  }, 60_000);

  test('a pooled process that dies as its request reaches it is replaced: the request is retried once, cold, and succeeds', async () => {
    let started = 0;
    const gateway = await startGateway({
      poolSize: 1,
      // The second CLI started is the pool's: it is killed by the first line written to it.
      wrapSpawn: (spawn) => async (spec, signal) => {
        const cli = await spawn(spec, signal);
        started += 1;
        if (started !== 2) return cli;
        return Object.create(cli, { write: { value: () => cli.kill() } }) as typeof cli;
      },
    });
    try {
      await ask(gateway);
      expect(await eventually(() => gateway.pool.idle === 1)).toBe(true);
      const doomed = gateway.allPids.at(-1)!;
      const answer = await ask(gateway);
      expect(answer.choices[0]!.message.content).toBe('Hello from fake.');
      expect(gateway.pids.slice(-2, -1)).toEqual([doomed]);
      expect(gateway.pids.at(-1)).not.toBe(doomed);
      expect(await processGone(doomed, 3000)).toBe(true);
    } finally {
      await gateway.close();
    }
  }, 60_000);

  test('memory bound: a pooled CLI is a CLI; at most MAX_CONCURRENCY + CLI_POOL_SIZE are alive; drain leaves none behind', async () => {
    const gateway = await startGateway({ poolSize: 2, maxConcurrency: 3, toolPolicy: { mode: 'none', allow: [], deny: [] } });
    const aliveNow = () => new Set(gateway.allPids.filter(alive)).size;
    try {
      await ask(gateway);
      expect(await eventually(() => gateway.pool.idle === 2)).toBe(true);
      // One request running, slots to spare: the pool fills up again beside it after the next request.
      gateway.upstream.script({ kind: 'stall', chunks: ['working'] });
      const controller = new AbortController();
      const stalled = (await gateway.client.chat.completions.create(
        { model: 'sonnet', stream: true, messages: [{ role: 'user', content: 'Wait' }] },
        { signal: controller.signal },
      ))[Symbol.asyncIterator]();
      while (!(await stalled.next()).value?.choices[0]?.delta.content);
      await ask(gateway);
      expect(await eventually(() => gateway.pool.idle === 2 && aliveNow() === 3)).toBe(true);
      let most = 0;
      const sampler = setInterval(() => (most = Math.max(most, aliveNow())), 10);
      const answers = await Promise.all(Array.from({ length: 8 }, () => ask(gateway)));
      clearInterval(sampler);
      controller.abort();
      expect(answers.every((answer) => answer.choices[0]!.message.content === 'Hello from fake.')).toBe(true);
      expect(most).toBeGreaterThanOrEqual(3);
      expect(most).toBeLessThanOrEqual(5);
      expect(await eventually(() => gateway.pool.idle === 2)).toBe(true);
      await gateway.pool.drain();
      expect(gateway.pool.idle).toBe(0);
      for (const pid of gateway.allPids) expect(await processGone(pid, 3000)).toBe(true);
    } finally {
      await gateway.close();
    }
  }, 90_000);
});
