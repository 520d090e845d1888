import request from 'supertest';
import { GatewayError } from '../../src/core/errors.js';
import type { ModelEvent } from '../../src/core/model-event.js';
import { keyId } from '../../src/http/key-id.js';
import { createModelRouter } from '../../src/routing/create-model-router.js';
import { priceRuns } from '../../src/routing/price-runs.js';
import { routingFileSchema } from '../../src/routing/routing-file-schema.js';
import type { Embedder } from '../../src/core/embedder.js';
import { createTestApp, testCatalog, testEmbeddings } from '../support/create-test-app.js';
import { finishEvent, someUsage, textBlock } from '../support/events.js';
import { createFakeBackend } from '../support/fake-backend.js';
import { openStoreUnderTest, stopSharedRedis, storeKinds, type StoreUnderTest } from '../support/stores.js';

const [alice, bob, boss] = ['sk-alice', 'sk-bob', 'sk-boss'];
const as = (key: string) => ({ authorization: `Bearer ${key}` });
const today = new Date().toISOString().slice(0, 10);

/** A provider's answer: tokens, and no cost (an OpenAI-compatible server reports none). */
const unpricedFinish: ModelEvent = { ...(finishEvent() as Extract<ModelEvent, { type: 'finish' }>), costUsd: undefined };
const file = routingFileSchema.parse({
  providers: [{ name: 'cheap', type: 'openai', base_url: 'http://127.0.0.1:9/v1', models: ['priced', 'free-for-all'], prices: { priced: { input: 1, output: 2, cache_read: 0.5 } } }],
});

// someUsage is 10 input, 3 output, 4 cache read, 1 cache creation tokens; the CLI's fake run costs $0.001.
const cliTotals = (runs: number, requests: number) => ({
  requests,
  input_tokens: 10 * runs,
  output_tokens: 3 * runs,
  cache_read_tokens: 4 * runs,
  cache_creation_tokens: 1 * runs,
  cost_usd: expect.closeTo(0.001 * runs, 9),
  unpriced_requests: 0,
});

describe.each(storeKinds)('GET /v1/usage on the %s store', (kind) => {
  let under: StoreUnderTest;
  let app: ReturnType<typeof createTestApp>;
  beforeEach(async () => {
    under = await openStoreUnderTest(kind);
    const cli = createFakeBackend();
    const provider = createFakeBackend(() => ({ events: [...textBlock('Routed.'), unpricedFinish] }));
    const router = createModelRouter({ file, cli: cli.backend, catalog: testCatalog, providers: new Map([['cheap', priceRuns(provider.backend, file.providers[0]!.prices)]]) });
    app = createTestApp(cli.backend, { store: under.store, router, apiKeys: [alice, bob], adminApiKeys: [boss] });
  });
  afterEach(() => under.close());
  afterAll(() => stopSharedRedis());

  const chat = (key: string, body: Record<string, unknown> = {}) =>
    request(app).post('/v1/chat/completions').set(as(key)).send({ model: 'sonnet', messages: [{ role: 'user', content: 'Hi' }], ...body }).expect(200);
  const usage = (key: string, query = '') => request(app).get(`/v1/usage${query}`).set(as(key));

  test("a mix of requests on two keys adds up to each key's totals, by model and by day; neither sees the other's; the admin sees both", async () => {
    await chat(alice);
    await chat(alice, { stream: true });
    await request(app).post('/v1/messages').set(as(alice)).send({ model: 'sonnet', max_tokens: 50, messages: [{ role: 'user', content: 'Hi' }] }).expect(200);
    await chat(alice, { model: 'cheap/priced' });
    await chat(bob, { n: 2 }); // two runs, one request
    await request(app).post('/v1/responses').set(as(bob)).send({ model: 'sonnet', input: 'Hi', stream: true }).expect(200);
    await chat(bob, { model: 'cheap/free-for-all' });

    const mine = await usage(alice).expect(200);
    const priced = { model: 'cheap/priced', requests: 1, input_tokens: 10, output_tokens: 3, cache_read_tokens: 4, cache_creation_tokens: 1, cost_usd: expect.closeTo((10 * 1 + 3 * 2 + 4 * 0.5 + 1 * 1) / 1e6, 12), unpriced_requests: 0 };
    const aliceUsage = {
      key_id: keyId(alice),
      totals: { ...cliTotals(4, 4), cost_usd: expect.closeTo(0.003 + 19e-6, 9) },
      by_model: [priced, { model: 'claude-cli/sonnet', ...cliTotals(3, 3) }],
      by_day: [{ date: today, ...cliTotals(4, 4), cost_usd: expect.closeTo(0.003 + 19e-6, 9), by_model: [priced, { model: 'claude-cli/sonnet', ...cliTotals(3, 3) }] }],
    };
    expect(mine.body).toEqual({ object: 'usage', key_id: keyId(alice), admin: false, retention_days: 90, data: [aliceUsage] });

    const theirs = await usage(bob).expect(200);
    const unknown = { model: 'cheap/free-for-all', requests: 1, input_tokens: 10, output_tokens: 3, cache_read_tokens: 4, cache_creation_tokens: 1, cost_usd: null, unpriced_requests: 1 };
    const bobUsage = {
      key_id: keyId(bob),
      // Three CLI runs (n=2 and the response) in two requests; the routed model's cost is unknown, not 0.
      totals: { ...cliTotals(4, 3), cost_usd: expect.closeTo(0.003, 9), unpriced_requests: 1 },
      by_model: [unknown, { model: 'claude-cli/sonnet', ...cliTotals(3, 2) }],
      by_day: [expect.objectContaining({ date: today, requests: 3, unpriced_requests: 1 })],
    };
    expect(theirs.body).toEqual({ object: 'usage', key_id: keyId(bob), admin: false, retention_days: 90, data: [bobUsage] });
    expect(JSON.stringify([mine.body, theirs.body])).not.toMatch(/sk-/); // ids, never keys

    const refused = await usage(bob, `?key_id=${keyId(alice)}`).expect(404);
    expect(refused.body).toEqual({ error: { message: `No usage for key ${keyId(alice)} visible to this API key.`, type: 'invalid_request_error', param: 'key_id', code: 'not_found' } });
    expect((await usage(alice, `?key_id=${keyId(alice)}`).expect(200)).body.data).toEqual([aliceUsage]);

    const all = await usage(boss).expect(200);
    expect(all.body).toMatchObject({ key_id: keyId(boss), admin: true });
    expect(all.body.data).toEqual([aliceUsage, bobUsage].sort((a, b) => a.key_id.localeCompare(b.key_id)));
    expect((await usage(boss, `?key_id=${keyId(bob)}`).expect(200)).body.data).toEqual([bobUsage]);
  });

  test('an admin key is a client key by itself, and its own requests count under its id', async () => {
    await chat(boss);
    const all = await usage(boss).expect(200);
    expect(all.body.data.map((key: { key_id: string }) => key.key_id)).toEqual([keyId(boss)]);
    expect(all.body.data[0].totals).toEqual(cliTotals(1, 1));
  });

  test('a request with n=2 one of whose runs fails adds nothing', async () => {
    let runs = 0;
    const failing = createFakeBackend(() => (++runs % 2 === 0 ? { error: new GatewayError('upstream_overloaded', 'busy') } : { events: [...textBlock('ok'), finishEvent()] }));
    const partial = createTestApp(failing.backend, { store: under.store, apiKeys: [alice] });
    await request(partial).post('/v1/chat/completions').set(as(alice)).send({ model: 'sonnet', n: 2, messages: [{ role: 'user', content: 'Hi' }] }).expect(503);
    const seen = await request(partial).get('/v1/usage').set(as(alice)).expect(200);
    expect(seen.body.data[0].totals.requests).toBe(0);
  });

  test('a key with no usage sees zeros; a bad key_id is a 400 naming it; no key is a 401', async () => {
    const empty = await usage(alice).expect(200);
    expect(empty.body.data).toEqual([{ key_id: keyId(alice), totals: { ...cliTotals(0, 0), cost_usd: null }, by_model: [], by_day: [] }]);
    expect((await usage(alice, '?key_id=a%20b').expect(400)).body.error).toMatchObject({ param: 'key_id', code: 'invalid_request' });
    expect((await request(app).get('/v1/usage').expect(401)).body.error.code).toBe('invalid_api_key');
  });
});

describe('GET /v1/usage without API keys', () => {
  test('the one local owner sees their own usage, embeddings included', async () => {
    const embedder: Embedder = { name: 'local', models: [{ id: 'use-lite-512', dimensions: 2 }], embed: async (texts) => texts.map(() => Float32Array.from([1, 0])) };
    const app = createTestApp(createFakeBackend().backend, { embeddings: testEmbeddings(embedder) });
    await request(app).post('/v1/chat/completions').send({ model: 'sonnet', messages: [{ role: 'user', content: 'Hi' }] }).expect(200);
    const embedded = await request(app).post('/v1/embeddings').send({ input: ['one two', 'three'] }).expect(200);
    const { body } = await request(app).get('/v1/usage').expect(200);
    expect(body).toMatchObject({ key_id: 'local', admin: false, data: [{ key_id: 'local', totals: { requests: 2, input_tokens: someUsage.inputTokens + embedded.body.usage.prompt_tokens } }] });
    // The bundled embedding model runs in the gateway: it costs nothing, which is known.
    expect(body.data[0].by_model[1]).toEqual({ model: 'local/use-lite-512', requests: 1, input_tokens: embedded.body.usage.prompt_tokens, output_tokens: 0, cache_read_tokens: 0, cache_creation_tokens: 0, cost_usd: 0, unpriced_requests: 0 });
  });
});
