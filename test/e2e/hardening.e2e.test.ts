import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { APIError } from 'openai';
import { bundledCliPath } from '../support/cli-under-test.js';
import { alive } from '../support/proc.js';
import { processGone, startGateway, type GatewayUnderTest } from '../support/start-gateway.js';

async function failure(promise: Promise<unknown>): Promise<APIError> {
  const error = await promise.then(() => undefined, (thrown: unknown) => thrown);
  if (!(error instanceof APIError)) throw new Error(`expected an APIError, got ${String(error)}`);
  return error;
}

/** A `claude` that logs each start to `log`, then runs the real one (exec: the same process). */
function countingCli(): { path: string; runs: () => number } {
  const dir = mkdtempSync(join(tmpdir(), 'ccg-counting-'));
  const log = join(dir, 'runs');
  const path = join(dir, 'claude');
  writeFileSync(path, `#!/bin/sh\necho "$1" >> '${log}'\nexec '${bundledCliPath}' "$@"\n`);
  chmodSync(path, 0o755);
  return { path, runs: () => (existsSync(log) ? readFileSync(log, 'utf8').split('\n').filter(Boolean).length : 0) };
}

describe('hardening end to end (real claude CLI)', () => {
  test('4. process trees: a timeout kills the shells the Bash tool started, which run in sessions of their own', async () => {
    const gateway = await startGateway({ toolPolicy: { mode: 'custom', allow: ['Bash'], deny: [] }, requestTimeoutMs: 8000 }); // room for a start-up on a loaded machine
    try {
      const pidFile = join(gateway.sandbox, 'shell.pid');
      gateway.upstream.script({ kind: 'tool_use', calls: [{ name: 'Bash', input: { command: `echo $$ > ${pidFile}; sleep 300`, description: 'wait' } }] });
      const error = await failure(gateway.client.chat.completions.create({ model: 'sonnet', messages: [{ role: 'user', content: 'Wait.' }] }));
      expect(error.status).toBe(504);
      const shell = Number(readFileSync(pidFile, 'utf8'));
      expect(shell).toBeGreaterThan(1);
      expect(await processGone(shell, 4000)).toBe(true);
      expect(await processGone(gateway.pids.at(-1)!, 4000)).toBe(true); // SIGKILL follows SIGTERM after 2 s
    } finally {
      await gateway.close();
    }
  });

  test('8. a prompt too long for the model is a 400 context_length_exceeded (the CLI refuses it; nothing is retried upstream)', async () => {
    const gateway = await startGateway({ toolPolicy: { mode: 'none', allow: [], deny: [] } });
    try {
      const error = await failure(gateway.client.chat.completions.create({ model: 'sonnet', messages: [{ role: 'user', content: 'word '.repeat(220_000) }] }));
      expect(error.status).toBe(400);
      expect(error.code).toBe('context_length_exceeded');
      expect(gateway.upstream.requests).toHaveLength(0);
    } finally {
      await gateway.close();
    }
  });

  test('3. concurrent auth status probes share one `claude auth status` process, and the answer is kept briefly', async () => {
    const cli = countingCli();
    const gateway = await startGateway({ cliPath: cli.path, poolSize: 0 }); // counts only the probes
    try {
      const answers = await Promise.all(Array.from({ length: 12 }, () => fetch(`${gateway.url}/v1/auth/status`).then((r) => r.json())));
      expect(new Set(answers.map((answer) => JSON.stringify(answer))).size).toBe(1);
      await fetch(`${gateway.url}/v1/auth/status`);
      expect(cli.runs()).toBe(1);
    } finally {
      await gateway.close();
    }
  });

  test('21. stale health: a failed spawn refreshes the cached status at once', async () => {
    const cli = countingCli();
    // No pool: a process started before the CLI went would still serve (as it should), and hide the failed spawn.
    const gateway = await startGateway({ cliPath: cli.path, poolSize: 0, toolPolicy: { mode: 'none', allow: [], deny: [] } });
    try {
      expect((await fetch(`${gateway.url}/health`)).status).toBe(200);
      rmSync(cli.path); // the CLI becomes unrunnable
      const error = await failure(gateway.client.chat.completions.create({ model: 'sonnet', messages: [{ role: 'user', content: 'Hi' }] }));
      expect(error.code).toBe('cli_not_installed');
      const health = await fetch(`${gateway.url}/health`);
      expect(health.status).toBe(503);
      expect(await health.json()).toMatchObject({ status: 'unavailable', cli: { available: false } });
    } finally {
      await gateway.close();
    }
  });
});

describe('7. WebFetch cannot reach the private network', () => {
  const toolResults = (gateway: GatewayUnderTest) =>
    JSON.stringify(gateway.upstream.requests.at(-1)!.body.messages!.at(-1)!.content);

  test.each([
    ['loopback', 'http://127.0.0.1:9/secret'],
    ['cloud metadata', 'http://169.254.169.254/latest/meta-data/'],
    ['a name that resolves to loopback', 'http://localhost:9/admin'],
    ['IPv4-mapped IPv6', 'http://[::ffff:10.0.0.1]/'],
  ])('%s: the model is told the URL is refused, and carries on', async (_name, url) => {
    const gateway = await startGateway();
    try {
      gateway.upstream.script({ kind: 'tool_use', calls: [{ name: 'WebFetch', input: { url, prompt: 'What does it say?' } }] }, { kind: 'text', chunks: ['I could not fetch it.'] });
      const reply = await gateway.client.chat.completions.create({ model: 'sonnet', messages: [{ role: 'user', content: 'Fetch it.' }] });
      expect(reply.choices[0]!.message.content).toBe('I could not fetch it.');
      expect(toolResults(gateway)).toContain('The gateway does not fetch this URL');
      expect(toolResults(gateway)).toContain('"is_error":true');
    } finally {
      await gateway.close();
    }
  });

  test('with WEBFETCH_ALLOW_PRIVATE the guard stands aside (the CLI decides; offline, its own domain check fails)', async () => {
    const gateway = await startGateway({ webFetchAllowPrivate: true });
    try {
      gateway.upstream.script({ kind: 'tool_use', calls: [{ name: 'WebFetch', input: { url: 'http://127.0.0.1:9/secret', prompt: 'Read it.' } }] }, { kind: 'text', chunks: ['Done.'] });
      await gateway.client.chat.completions.create({ model: 'sonnet', messages: [{ role: 'user', content: 'Fetch it.' }] });
      expect(toolResults(gateway)).not.toContain('The gateway does not fetch this URL');
    } finally {
      await gateway.close();
    }
  });
});

describe('soak: random client aborts never push the CLIs alive past MAX_CONCURRENCY (+ the pool)', () => {
  let gateway: GatewayUnderTest;
  beforeAll(async () => {
    gateway = await startGateway({ maxConcurrency: 2, queueSize: 64, toolPolicy: { mode: 'none', allow: [], deny: [] } });
  });
  afterAll(() => gateway.close());

  test('16 requests, half of them aborted at random moments', async () => {
    gateway.upstream.script(...Array.from({ length: 16 }, () => ({ kind: 'text' as const, chunks: ['one ', 'two ', 'three ', 'four'], delayMs: 60 })));
    let most = 0;
    let mostInAll = 0;
    const sampler = setInterval(() => {
      most = Math.max(most, gateway.pids.filter(alive).length);
      mostInAll = Math.max(mostInAll, new Set(gateway.allPids.filter(alive)).size);
    }, 10);
    const outcomes = await Promise.allSettled(
      Array.from({ length: 16 }, async (_, i) => {
        const controller = new AbortController();
        if (i % 2 === 1) setTimeout(() => controller.abort(), 200 + ((i * 397) % 2500));
        const stream = await gateway.client.chat.completions.create(
          { model: 'sonnet', stream: true, messages: [{ role: 'user', content: `Count ${i}` }] },
          { signal: controller.signal },
        );
        let text = '';
        for await (const chunk of stream) text += chunk.choices[0]?.delta.content ?? '';
        return text;
      }),
    );
    clearInterval(sampler);
    expect(most).toBeGreaterThan(0);
    expect(most).toBeLessThanOrEqual(2);
    expect(mostInAll).toBeLessThanOrEqual(2 + gateway.pool.size);
    expect(outcomes.filter((outcome) => outcome.status === 'fulfilled').map((outcome) => (outcome as PromiseFulfilledResult<string>).value)).toContain('one two three four');
    for (const pid of gateway.pids) expect(await processGone(pid, 3000)).toBe(true);
    expect(gateway.gate.active).toBe(0);
    await gateway.pool.drain();
    for (const pid of gateway.allPids) expect(await processGone(pid, 3000)).toBe(true);
  }, 90_000);
});
