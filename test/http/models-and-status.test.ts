import request from 'supertest';
import { createMemoryStore } from '../../src/store/create-memory-store.js';
import { createTestApp } from '../support/create-test-app.js';
import { createFakeBackend, finish } from '../support/fake-backend.js';

const chat = { model: 'sonnet', messages: [{ role: 'user', content: 'Hello' }] };

describe('GET /v1/models', () => {
  const { backend } = createFakeBackend();
  const app = createTestApp(backend);

  test('lists Claude models and the aliases in the OpenAI shape, readable by the Anthropic SDK too', async () => {
    const res = await request(app).get('/v1/models').expect(200);
    // The embedding models (and their aliases) come after the chat models.
    expect(res.body).toMatchObject({ object: 'list', has_more: false, first_id: 'opus', last_id: 'text-embedding-ada-002' });
    const ids = res.body.data.map((m: { id: string }) => m.id);
    expect(ids).toEqual(expect.arrayContaining(['opus', 'sonnet', 'haiku', 'gpt-4o', 'gpt-4o-mini']));
    for (const model of res.body.data) {
      const embedding = model.model_type === 'embedding';
      expect(model).toEqual({
        id: expect.any(String),
        object: 'model',
        created: expect.any(Number),
        owned_by: embedding ? 'claude-code-gateway' : 'anthropic',
        type: 'model',
        display_name: expect.any(String),
        created_at: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
        model_type: embedding ? 'embedding' : 'chat',
        ...(embedding ? { dimensions: 512 } : {}),
      });
    }
  });

  test('one model by id, and 404 for an unknown one', async () => {
    expect((await request(app).get('/v1/models/gpt-4o').expect(200)).body).toMatchObject({ id: 'gpt-4o', display_name: 'gpt-4o (alias of sonnet)' });
    expect((await request(app).get('/v1/models/nope').expect(404)).body.error.code).toBe('model_not_found');
  });
});

describe('status', () => {
  test('/health reports the CLI and its version', async () => {
    const { backend } = createFakeBackend();
    const res = await request(createTestApp(backend)).get('/health').expect(200);
    expect(res.body).toEqual({
      status: 'ok',
      cli: { available: true, version: '9.9.9', source: 'bundled', problem: null },
      store: { kind: 'memory', available: true, problem: null },
    });
  });

  test('/health says degraded (still 200) while the store is unreachable: only sessions and stored responses need it', async () => {
    const { backend } = createFakeBackend();
    const store = { ...createMemoryStore({ maxBytes: 1000 }), kind: 'redis' as const, status: async () => ({ available: false, problem: 'Redis is reconnecting (REDIS_URL).' }) };
    const res = await request(createTestApp(backend, { store })).get('/health').expect(200);
    expect(res.body).toMatchObject({ status: 'degraded', store: { kind: 'redis', available: false, problem: 'Redis is reconnecting (REDIS_URL).' } });
  });

  test('/health is 503 when the CLI cannot run', async () => {
    const fake = createFakeBackend();
    fake.setStatus({ available: false, version: undefined, problem: 'not found' });
    const res = await request(createTestApp(fake.backend)).get('/health').expect(503);
    expect(res.body.cli).toMatchObject({ available: false, problem: 'not found' });
  });

  test('/v1/auth/status names the credential kind, never a secret', async () => {
    const { backend } = createFakeBackend();
    const res = await request(createTestApp(backend)).get('/v1/auth/status').expect(200);
    expect(res.body).toEqual({ logged_in: true, method: 'api_key', provider: 'firstParty', source: 'ANTHROPIC_API_KEY', quota: null });
  });

  test('responses carry a request id and helmet headers; CORS is off unless configured', async () => {
    const { backend } = createFakeBackend();
    const res = await request(createTestApp(backend)).get('/v1/models').set('origin', 'https://evil.example').expect(200);
    expect(res.headers['x-request-id']).toEqual(expect.any(String));
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['access-control-allow-origin']).toBeUndefined();
    const allowed = await request(createTestApp(backend, { corsOrigins: ['https://app.example'] }))
      .get('/v1/models')
      .set('origin', 'https://app.example')
      .expect(200);
    expect(allowed.headers['access-control-allow-origin']).toBe('https://app.example');
  });
});

describe('19. model lookup', () => {
  test('GET /v1/models/{id} knows every id chat completions accepts', async () => {
    const app = createTestApp(createFakeBackend(() => ({ events: finish('x') })).backend);
    await request(app).post('/v1/chat/completions').send({ ...chat, model: 'claude-sonnet-4-5' }).expect(200);
    const res = await request(app).get('/v1/models/claude-sonnet-4-5').expect(200);
    expect(res.body).toMatchObject({ id: 'claude-sonnet-4-5', object: 'model' });
    await request(app).get('/v1/models/gpt-4o').expect(200);
    await request(app).get('/v1/models/gpt-9000').expect(404);
  });
});

describe('GET /v1/models pages as the Anthropic API does', () => {
  const app = createTestApp(createFakeBackend().backend);
  const list = (query: string) => request(app).get(`/v1/models${query}`).set('anthropic-version', '2023-06-01').expect(200).then((res) => res.body);

  test('limit, after_id and before_id walk the whole list, with has_more, first_id and last_id', async () => {
    const all = (await list('')).data.map((model: { id: string }) => model.id);
    expect(all.length).toBeGreaterThan(4);
    const first = await list('?limit=2');
    expect(first).toMatchObject({ has_more: true, first_id: all[0], last_id: all[1] });
    const seen: string[] = [];
    for (let page = await list('?limit=3'); ; page = await list(`?limit=3&after_id=${page.last_id}`)) {
      seen.push(...page.data.map((model: { id: string }) => model.id));
      if (!page.has_more) break;
    }
    expect(seen).toEqual(all);
    const before = await list(`?limit=2&before_id=${all[3]}`);
    expect(before.data.map((model: { id: string }) => model.id)).toEqual([all[1], all[2]]);
    expect(before.has_more).toBe(true);
  });

  test('a bad limit or an unknown cursor is a 400 naming it', async () => {
    const bad = await request(app).get('/v1/models?limit=0').set('anthropic-version', '2023-06-01').expect(400);
    expect(bad.body.error.message).toMatch(/^Invalid request: limit: /);
    await request(app).get('/v1/models?after_id=nope').expect(400);
  });

  test('a model has the fields of both SDKs', async () => {
    const { data } = await list('?limit=1');
    expect(data[0]).toEqual({ id: 'opus', object: 'model', created: expect.any(Number), owned_by: 'anthropic', type: 'model', display_name: expect.any(String), created_at: expect.stringMatching(/^\d{4}-/), model_type: 'chat' });
  });
});

