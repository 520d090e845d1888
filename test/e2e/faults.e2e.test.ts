import { APIError } from 'openai';
import type { Reply } from '../support/fake-anthropic.js';
import { processGone, startGateway, type GatewayUnderTest } from '../support/start-gateway.js';

const ask = (gateway: GatewayUnderTest, stream = false) =>
  gateway.client.chat.completions.create({ model: 'sonnet', messages: [{ role: 'user', content: 'Hi' }], stream });

async function failure(promise: Promise<unknown>): Promise<APIError> {
  const error = await promise.then(
    () => undefined,
    (thrown: unknown) => thrown,
  );
  if (!(error instanceof APIError)) throw new Error(`expected an APIError, got ${String(error)}`);
  return error;
}

describe('upstream faults end to end (real claude CLI)', () => {
  let gateway: GatewayUnderTest;
  beforeAll(async () => {
    // The watchdog also counts a CLI's start-up, which takes seconds on a loaded machine (the suites run in parallel);
    // the first start, from a cold page cache, is the slowest, so it is paid before the cases.
    gateway = await startGateway({ stallTimeoutMs: 8000 });
    await ask(gateway).catch(() => undefined);
  });
  // A case whose CLI timed out before reaching the fake must not leave its reply to the next case.
  beforeEach(() => gateway.upstream.unscript());
  afterAll(() => gateway.close());

  test.each<[string, number, string, Reply]>([
    ['401', 503, 'cli_not_authenticated', { kind: 'error', status: 401, type: 'authentication_error' }],
    ['429', 429, 'upstream_rate_limited', { kind: 'error', status: 429, type: 'rate_limit_error' }],
    ['529', 503, 'upstream_overloaded', { kind: 'error', status: 529, type: 'overloaded_error' }],
    ['500', 502, 'upstream_error', { kind: 'error', status: 500, type: 'api_error' }],
  ])('upstream %s → %i %s', async (_name, status, code, reply) => {
    gateway.upstream.script(reply);
    const error = await failure(ask(gateway));
    expect(error.status).toBe(status);
    expect(error.code).toBe(code);
  });

  test('a stalled upstream is cut off by the stall watchdog: 504, and the CLI is gone', async () => {
    gateway.upstream.script({ kind: 'stall', chunks: [] });
    const started = Date.now();
    const error = await failure(ask(gateway));
    expect(error.status).toBe(504);
    expect(error.code).toBe('timeout');
    expect(Date.now() - started).toBeLessThan(20_000); // stall timeout is 8 s; the CLI alone would wait 5–10 min
    expect(await processGone(gateway.pids.at(-1)!, 3000)).toBe(true);
  });

  test('a stall after streaming started ends the stream with an in-stream timeout error', async () => {
    gateway.upstream.script({ kind: 'stall', chunks: ['Partial'] });
    const response = await fetch(`${gateway.url}/v1/chat/completions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ model: 'sonnet', stream: true, messages: [{ role: 'user', content: 'Hi' }] }),
    });
    expect(response.status).toBe(200);
    const text = await response.text();
    expect(text).toContain('"content":"Partial"');
    expect(text).toMatch(/data: \{"error":\{"message":"The Claude CLI produced no output for 8 s\.","type":"timeout_error","param":null,"code":"timeout"\}\}\n\ndata: \[DONE\]\n\n$/);
  });
});

describe('process lifecycle end to end (real claude CLI)', () => {
  test('a client that disconnects gets its CLI killed within a second', async () => {
    const gateway = await startGateway();
    try {
      gateway.upstream.script({ kind: 'stall', chunks: ['Working'] });
      const controller = new AbortController();
      const stream = await gateway.client.chat.completions.create(
        { model: 'sonnet', messages: [{ role: 'user', content: 'Hi' }], stream: true },
        { signal: controller.signal },
      );
      for await (const chunk of stream) {
        if (chunk.choices[0]?.delta.content) break; // leaving the loop aborts the request
      }
      const pid = gateway.pids.at(-1)!;
      expect(await processGone(pid, 1000)).toBe(true);
    } finally {
      await gateway.close();
    }
  });

  test('the request timeout kills the CLI and answers 504', async () => {
    const gateway = await startGateway({ requestTimeoutMs: 1500 });
    try {
      gateway.upstream.script({ kind: 'stall', chunks: [] });
      const error = await failure(ask(gateway));
      expect(error.status).toBe(504);
      expect(error.message).toMatch(/longer than 1.5 s/);
      expect(await processGone(gateway.pids.at(-1)!, 3000)).toBe(true);
    } finally {
      await gateway.close();
    }
  });

  test('the shutdown deadline stops in-flight requests and their CLIs', async () => {
    const gateway = await startGateway();
    try {
      gateway.upstream.script({ kind: 'stall', chunks: [] });
      const pending = failure(ask(gateway));
      await new Promise((resolve) => setTimeout(resolve, 1500));
      gateway.shutdownDeadline.abort();
      const error = await pending;
      expect(error.status).toBe(503);
      expect(error.code).toBe('shutting_down');
      expect(await processGone(gateway.pids.at(-1)!, 3000)).toBe(true);
    } finally {
      await gateway.close();
    }
  });

  test('a missing CLI gives 503 saying how to install it', async () => {
    const gateway = await startGateway({ cliPath: '/nonexistent/claude' });
    try {
      const error = await failure(ask(gateway));
      expect(error.status).toBe(503);
      expect(error.code).toBe('cli_not_installed');
      expect(error.message).toMatch(/npm install/);
    } finally {
      await gateway.close();
    }
  });

  test('a CLI with no credentials gives 503 saying how to log in', async () => {
    const gateway = await startGateway({ loggedIn: false });
    try {
      const error = await failure(ask(gateway));
      expect(error.status).toBe(503);
      expect(error.code).toBe('cli_not_authenticated');
      expect(error.message).toMatch(/not logged in/i);
      const auth = await fetch(`${gateway.url}/v1/auth/status`).then((r) => r.json());
      expect(auth).toEqual({ logged_in: false, method: 'none', provider: 'firstParty', source: null, quota: null });
    } finally {
      await gateway.close();
    }
  });
});
