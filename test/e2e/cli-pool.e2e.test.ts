import type { ChatCompletionCreateParamsNonStreaming } from 'openai/resources/chat/completions';
import { alive, eventually } from '../support/proc.js';
import { processGone, startGateway, type GatewayUnderTest } from '../support/start-gateway.js';

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

  test('with MAX_CONCURRENCY 1 the pool still refills once the request has gone, and serves the next one', async () => {
    const gateway = await startGateway({ poolSize: 1, maxConcurrency: 1 });
    try {
      for (let round = 0; round < 2; round += 1) {
        await ask(gateway);
        expect(await eventually(() => gateway.pool.idle === 1)).toBe(true);
      }
      expect(gateway.pids[1]).toBe(gateway.allPids[1]); // the second request ran on the process the first left waiting
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

  test('a pooled process that dies as its request reaches it is replaced: the request is retried once, on a process started now, and succeeds', async () => {
    let started = 0;
    const doomed: number[] = [];
    const gateway = await startGateway({
      poolSize: 2,
      // The two CLIs the pool starts after the first request die at the first line written to them: a retry that
      // took the other waiting one would fail too.
      wrapSpawn: (spawn) => async (spec, signal) => {
        const cli = await spawn(spec, signal);
        started += 1;
        if (started !== 2 && started !== 3) return cli;
        doomed.push(cli.pid!);
        return Object.create(cli, { write: { value: () => cli.kill() } }) as typeof cli;
      },
    });
    try {
      await ask(gateway);
      expect(await eventually(() => gateway.pool.idle === 2)).toBe(true);
      const answer = await ask(gateway);
      expect(answer.choices[0]!.message.content).toBe('Hello from fake.');
      expect(gateway.pids).toHaveLength(3);
      expect(doomed).toContain(gateway.pids[1]);
      expect(doomed).not.toContain(gateway.pids[2]);
      expect(await processGone(gateway.pids[1]!, 3000)).toBe(true);
    } finally {
      await gateway.close();
    }
  }, 60_000);

  test('a pooled process that fails after its first output is not retried: the client gets the error', async () => {
    let started = 0;
    const gateway = await startGateway({
      poolSize: 1,
      // The pool's process dies (SIGKILL, as from the OOM killer) once it has printed its first line.
      wrapSpawn: (spawn) => async (spec, signal) => {
        const cli = await spawn(spec, signal);
        started += 1;
        if (started !== 2) return cli;
        const lines = (async function* () {
          for await (const line of cli.lines) {
            yield line;
            process.kill(cli.pid!, 'SIGKILL');
          }
        })();
        return Object.create(cli, { lines: { value: lines } }) as typeof cli;
      },
    });
    try {
      await ask(gateway);
      expect(await eventually(() => gateway.pool.idle === 1)).toBe(true);
      await expect(ask(gateway)).rejects.toMatchObject({ status: 502, code: 'cli_failed' });
      expect(gateway.pids).toHaveLength(2);
    } finally {
      await gateway.close();
    }
  }, 60_000);

  test('a pooled process that stays silent until the watchdog is not retried: a timeout is the request\'s own limit', async () => {
    let started = 0;
    const gateway = await startGateway({
      poolSize: 1,
      stallTimeoutMs: 6000, // the first request's cold start-up counts too, and takes seconds on a loaded machine
      // The pool's process never gets its stdin, so it says nothing.
      wrapSpawn: (spawn) => async (spec, signal) => {
        const cli = await spawn(spec, signal);
        started += 1;
        return started === 2 ? (Object.create(cli, { write: { value: () => undefined } }) as typeof cli) : cli;
      },
    });
    try {
      await ask(gateway);
      expect(await eventually(() => gateway.pool.idle === 1)).toBe(true);
      await expect(ask(gateway)).rejects.toMatchObject({ status: 504, code: 'timeout' });
      expect(gateway.pids).toHaveLength(2);
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
