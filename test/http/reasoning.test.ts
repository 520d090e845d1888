import request from 'supertest';
import type { ModelEvent } from '../../src/core/model-event.js';
import { createTestApp } from '../support/create-test-app.js';
import { reasoningBlock } from '../support/events.js';
import { createFakeBackend, finish } from '../support/fake-backend.js';
import { readSse } from '../support/read-sse.js';

const thinking: ModelEvent[] = [...reasoningBlock(['Let me ', 'think.']), ...finish('Four.')];
const ask = { model: 'sonnet', messages: [{ role: 'user', content: '2+2?' }] };

describe('reasoning', () => {
  test('reasoning_effort reaches the backend; none and minimal ask for the least the CLI has', async () => {
    const { backend, requests } = createFakeBackend();
    const app = createTestApp(backend);
    await request(app).post('/v1/chat/completions').send({ ...ask, reasoning_effort: 'high' }).expect(200);
    await request(app).post('/v1/chat/completions').send({ ...ask, reasoning_effort: 'minimal' }).expect(200);
    await request(app).post('/v1/chat/completions').send(ask).expect(200);
    expect(requests.map((r) => r.reasoningEffort)).toEqual(['high', 'low', undefined]);
  });

  test('thinking is left out unless asked for', async () => {
    const { backend } = createFakeBackend(() => ({ events: thinking }));
    const res = await request(createTestApp(backend)).post('/v1/chat/completions').send(ask).expect(200);
    expect(res.body.choices[0].message).toEqual({ role: 'assistant', content: 'Four.', refusal: null });
  });

  test('include_reasoning: thinking as reasoning_content on the message and on deltas', async () => {
    const { backend } = createFakeBackend(() => ({ events: thinking }));
    const app = createTestApp(backend);
    const res = await request(app).post('/v1/chat/completions').send({ ...ask, include_reasoning: true }).expect(200);
    expect(res.body.choices[0].message).toMatchObject({ content: 'Four.', reasoning_content: 'Let me think.' });
    const streamed = await request(app).post('/v1/chat/completions').send({ ...ask, include_reasoning: true, stream: true }).expect(200);
    const deltas = (readSse(streamed.text).slice(0, -1) as Array<{ choices: Array<{ delta: Record<string, string> }> }>).map((c) => c.choices[0]!.delta);
    expect(deltas.filter((d) => d.reasoning_content).map((d) => d.reasoning_content)).toEqual(['Let me ', 'think.']);
  });

  test('REASONING_CONTENT turns it on by default, and a request can still turn it off', async () => {
    const { backend } = createFakeBackend(() => ({ events: thinking }));
    const app = createTestApp(backend, { includeReasoning: true });
    expect((await request(app).post('/v1/chat/completions').send(ask)).body.choices[0].message.reasoning_content).toBe('Let me think.');
    expect((await request(app).post('/v1/chat/completions').send({ ...ask, include_reasoning: false })).body.choices[0].message.reasoning_content).toBeUndefined();
  });
});
