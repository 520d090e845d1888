import request from 'supertest';
import { createTestApp } from '../support/create-test-app.js';
import { createFakeBackend, finish } from '../support/fake-backend.js';
import { readSse } from '../support/read-sse.js';

const ask = { model: 'sonnet', messages: [{ role: 'user', content: 'Name a colour.' }], n: 3 };

describe('n > 1', () => {
  let runs = 0;
  const colours = () => ({ events: finish(['red', 'green', 'blue'][runs++ % 3]), delayMs: 5 });

  test('n independent completions become choices[0..n-1], with usage summed', async () => {
    runs = 0;
    const { backend, requests } = createFakeBackend(colours);
    const res = await request(createTestApp(backend)).post('/v1/chat/completions').send(ask).expect(200);
    expect(requests).toHaveLength(3);
    expect(res.body.choices.map((c: { index: number; message: { content: string } }) => [c.index, c.message.content])).toEqual([
      [0, 'red'],
      [1, 'green'],
      [2, 'blue'],
    ]);
    expect(res.body.usage).toEqual({ prompt_tokens: 45, completion_tokens: 9, total_tokens: 54, prompt_tokens_details: { cached_tokens: 12 } });
  });

  test('streaming: every chunk names its choice, each choice finishes, and one usage chunk comes last', async () => {
    runs = 0;
    const { backend } = createFakeBackend(colours);
    const res = await request(createTestApp(backend))
      .post('/v1/chat/completions')
      .send({ ...ask, stream: true, stream_options: { include_usage: true } })
      .expect(200);
    const chunks = readSse(res.text).slice(0, -1) as Array<{ choices: Array<{ index: number; delta: { content?: string }; finish_reason: string | null }>; usage: unknown }>;
    const byChoice = (i: number) => chunks.flatMap((c) => c.choices.filter((choice) => choice.index === i));
    for (const [i, colour] of ['red', 'green', 'blue'].entries()) {
      expect(byChoice(i).map((c) => c.delta.content ?? '').join('')).toBe(colour);
      expect(byChoice(i).at(-1)!.finish_reason).toBe('stop');
    }
    expect(chunks.at(-1)).toMatchObject({ choices: [], usage: { completion_tokens: 9 } });
    expect(chunks.filter((c) => c.usage).length).toBe(1);
  });

  test('n above the cap fails at once with a 400 naming n, rather than queueing choices that cannot all run', async () => {
    const { backend, requests } = createFakeBackend(() => ({ events: finish('x') }));
    const res = await request(createTestApp(backend, { maxChoices: 2 })).post('/v1/chat/completions').send({ ...ask, n: 3 }).expect(400);
    expect(res.body.error).toMatchObject({ code: 'invalid_request', param: 'n' });
    expect(res.body.error.message).toMatch(/at most 2/);
    expect(requests).toHaveLength(0);
  });
});

describe('n > 1 when one choice fails', () => {
  test('the other choices are stopped, and the client gets the error', async () => {
    const { GatewayError } = await import('../../src/core/errors.js');
    let started = 0;
    const stopped: boolean[] = [];
    const backend = createFakeBackend().backend;
    const failing = {
      ...backend,
      async *stream(_request: unknown, { signal }: { signal: AbortSignal }) {
        const me = started++;
        if (me === 0) throw new GatewayError('upstream_error', 'choice 0 failed');
        yield { type: 'text-start' as const, id: 't' };
        yield { type: 'text-delta' as const, id: 't', text: 'working' };
        if (!signal.aborted) await new Promise((resolve) => signal.addEventListener('abort', resolve, { once: true }));
        stopped[me] = true;
      },
    } as typeof backend;
    const res = await request(createTestApp(failing)).post('/v1/chat/completions').send({ ...ask, n: 4 }).expect(502);
    expect(res.body.error.message).toBe('choice 0 failed');
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(stopped.filter(Boolean).length).toBe(started - 1); // every run that started, but the failed one, was stopped
  });
});
