import { once } from 'node:events';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startFakeAnthropic, type FakeAnthropic } from '../support/fake-anthropic.js';
import { listening, mainEnv, startMain } from '../support/main-process.js';
import { alive, cliChildren, eventually, poll } from '../support/proc.js';

describe('the gateway process (src/main.ts)', () => {
  let upstream: FakeAnthropic;
  let env: Record<string, string>;
  beforeAll(async () => {
    upstream = await startFakeAnthropic();
    env = mainEnv(upstream);
  });
  afterAll(() => upstream.close());

  test('refuses to serve off-loopback without API keys, and says why', async () => {
    const main = startMain({ ...env, HOST: '0.0.0.0' });
    const [code] = await once(main.child, 'exit');
    expect(code).toBe(1);
    expect(main.output()).toMatch(/API_KEYS: HOST=0\.0\.0\.0 is reachable from other machines/);
  });

  test('a bad CONFIG_FILE stops start-up, naming the file and the field; a good one serves its models', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ccg-config-'));
    writeFileSync(join(dir, 'bad.yaml'), 'models:\n  qwen: nowhere/qwen3\n');
    const bad = startMain({ ...env, CONFIG_FILE: join(dir, 'bad.yaml'), CLI_POOL_SIZE: '0' });
    const [code] = await once(bad.child, 'exit');
    expect(code).toBe(1);
    expect(bad.output()).toContain(`CONFIG_FILE ${join(dir, 'bad.yaml')}: models.qwen: no provider named 'nowhere'`);
    writeFileSync(join(dir, 'good.yaml'), 'models:\n  fast: claude-cli/haiku\n');
    const good = startMain({ ...env, CONFIG_FILE: join(dir, 'good.yaml'), CLI_POOL_SIZE: '0' });
    try {
      const url = await listening(good.output);
      const models = (await (await fetch(`${url}/v1/models`)).json()) as { data: Array<{ id: string }> };
      expect(models.data.map((model) => model.id)).toContain('fast');
    } finally {
      good.child.kill('SIGTERM');
      await once(good.child, 'exit');
    }
  });

  test('SIGTERM lets an in-flight stream finish, then exits 0', async () => {
    const main = startMain({ ...env, SHUTDOWN_GRACE_SECONDS: '20' });
    const url = await listening(main.output);
    upstream.script({ kind: 'text', chunks: ['one ', 'two ', 'three ', 'four'], delayMs: 300 });
    const response = await fetch(`${url}/v1/chat/completions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ model: 'sonnet', stream: true, messages: [{ role: 'user', content: 'Count.' }] }),
    });
    const reader = response.body!.getReader();
    await reader.read(); // the stream is under way
    main.child.kill('SIGTERM');
    let text = '';
    for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read()) text += new TextDecoder().decode(chunk.value);
    expect(text).toContain('"content":"four"');
    expect(text.trimEnd().endsWith('data: [DONE]')).toBe(true);
    const [code] = await once(main.child, 'exit');
    expect(code).toBe(0);
  });

  test('after the grace period, SIGTERM stops what is still running and its CLI', async () => {
    const main = startMain({ ...env, SHUTDOWN_GRACE_SECONDS: '1' });
    const url = await listening(main.output);
    upstream.script({ kind: 'stall', chunks: ['stuck'] });
    const response = await fetch(`${url}/v1/chat/completions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ model: 'sonnet', stream: true, messages: [{ role: 'user', content: 'Hi' }] }),
    });
    const body = response.text();
    await new Promise((resolve) => setTimeout(resolve, 300));
    main.child.kill('SIGTERM');
    expect(await body).toMatch(/"code":"shutting_down"[\s\S]*data: \[DONE\]/);
    const [code] = await once(main.child, 'exit');
    expect(code).toBe(0);
  });

  test('the pool starts CLIs for the default model at start-up; SIGTERM closes them; a killed gateway leaves none behind', async () => {
    const size = 2;
    const started = [startMain({ ...env, CLI_POOL_SIZE: String(size) }), startMain({ ...env, CLI_POOL_SIZE: String(size) })];
    try {
      const [main, killed] = started as [ReturnType<typeof startMain>, ReturnType<typeof startMain>];
      const url = await listening(main.output);
      const primed = await poll(() => cliChildren(main.child.pid!), (pids) => pids.length === size);
      expect(primed).toHaveLength(size);
      const answer = await fetch(`${url}/v1/chat/completions`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ messages: [{ role: 'user', content: 'Hi' }] }),
      });
      expect(answer.status).toBe(200);
      // One of them served it (and exits with its turn); another takes its place.
      const refilled = await poll(() => cliChildren(main.child.pid!), (pids) => pids.length === size && pids.some((pid) => !primed.includes(pid)));
      expect(refilled.filter((pid) => primed.includes(pid))).toHaveLength(size - 1);
      main.child.kill('SIGTERM');
      const [code] = await once(main.child, 'exit');
      expect(code).toBe(0);
      for (const pid of refilled) expect(await eventually(() => !alive(pid), 5000)).toBe(true);

      await listening(killed.output);
      const orphans = await poll(() => cliChildren(killed.child.pid!), (pids) => pids.length === size);
      expect(orphans).toHaveLength(size);
      killed.child.kill('SIGKILL');
      // Their stdin closes with the gateway. Orphans are reaped by init, which a container may do late: a zombie is gone.
      for (const pid of orphans) expect(await eventually(() => !alive(pid), 5000)).toBe(true);
    } finally {
      for (const { child } of started) child.kill('SIGKILL');
    }
  }, 60_000);
});
