import request from 'supertest';
import { createLocalEmbedder, type LocalEmbedder } from '../../../src/backends/local-embeddings/create-local-embedder.js';
import { createTestApp, testEmbeddings } from '../../support/create-test-app.js';
import { createFakeBackend } from '../../support/fake-backend.js';

const cosine = (a: number[], b: number[]) => a.reduce((sum, value, i) => sum + value * b[i]!, 0);
const norm = (a: number[]) => Math.hypot(...a);
const floats = (base64: string) => Array.from(new Float32Array(new Uint8Array(Buffer.from(base64, 'base64')).buffer));

describe('POST /v1/embeddings with the bundled model (real, in a worker thread)', () => {
  let embedder: LocalEmbedder;
  let app: ReturnType<typeof createTestApp>;
  beforeAll(() => {
    embedder = createLocalEmbedder();
    app = createTestApp(createFakeBackend().backend, { embeddings: testEmbeddings(embedder) });
  });
  afterAll(() => embedder.close());
  const embed = (body: object) => request(app).post('/v1/embeddings').send(body);

  test('a string: one normalised 512-float vector, the usage counted, the model named', async () => {
    const res = await embed({ model: 'use-lite-512', input: 'The quick brown fox.' }).expect(200);
    expect(res.body).toMatchObject({ object: 'list', model: 'use-lite-512', usage: { prompt_tokens: 5, total_tokens: 5 } });
    const [item] = res.body.data;
    expect(item).toMatchObject({ object: 'embedding', index: 0 });
    expect(item.embedding).toHaveLength(512);
    expect(norm(item.embedding)).toBeCloseTo(1, 5);
    expect(res.headers['x-gateway-route']).toBe('local/use-lite-512');
  }, 60_000);

  test('several strings keep their order, each the vector it has alone; the same input always gives the same vector', async () => {
    const texts = ['Cats purr.', 'Rain falls.', 'Stocks rose today.'];
    const together = (await embed({ model: 'use-lite-512', input: texts }).expect(200)).body.data;
    expect(together.map((item: { index: number }) => item.index)).toEqual([0, 1, 2]);
    for (const [i, text] of texts.entries()) {
      const alone = (await embed({ model: 'use-lite-512', input: text }).expect(200)).body.data[0].embedding as number[];
      expect(cosine(alone, together[i].embedding)).toBeCloseTo(1, 5);
    }
    const again = (await embed({ model: 'use-lite-512', input: texts[0] }).expect(200)).body.data[0].embedding;
    expect(again).toEqual((await embed({ model: 'use-lite-512', input: texts[0] }).expect(200)).body.data[0].embedding);
  }, 60_000);

  test('paraphrases score clearly closer than unrelated sentences', async () => {
    const input = ['How do I reset my password?', 'I forgot my password; how can I change it?', 'The train to Lyon leaves at noon.'];
    const [question, paraphrase, unrelated] = (await embed({ input }).expect(200)).body.data.map((item: { embedding: number[] }) => item.embedding);
    expect(cosine(question, paraphrase)).toBeGreaterThan(cosine(question, unrelated) + 0.3);
  }, 60_000);

  test('token ids and arrays of token ids are decoded with cl100k_base', async () => {
    const text = (await embed({ input: 'hello world' }).expect(200)).body.data[0].embedding;
    const ids = [15339, 1917]; // "hello world" in cl100k_base
    const one = await embed({ input: ids }).expect(200);
    expect(one.body.data).toHaveLength(1);
    expect(one.body.usage.prompt_tokens).toBe(2);
    expect(cosine(one.body.data[0].embedding, text)).toBeCloseTo(1, 5);
    const many = await embed({ input: [ids, [15339]] }).expect(200);
    expect(many.body.data).toHaveLength(2);
    expect(cosine(many.body.data[0].embedding, text)).toBeCloseTo(1, 5);
  }, 60_000);

  test('the model reads the first 2,000 characters of a long input', async () => {
    const long = 'The meeting moved to Thursday afternoon. '.repeat(100);
    const whole = (await embed({ input: long }).expect(200)).body.data[0].embedding;
    const start = (await embed({ input: long.slice(0, 2000) }).expect(200)).body.data[0].embedding;
    expect(cosine(whole, start)).toBeCloseTo(1, 5);
  }, 60_000);

  test('text that looks like a special token is ordinary text', async () => {
    const res = await embed({ input: 'see <|endoftext|> here' }).expect(200);
    expect(res.body.usage.prompt_tokens).toBeGreaterThan(3);
  }, 60_000);

  test('base64 is the float vector as little-endian float32', async () => {
    const float = (await embed({ input: 'base64 please', encoding_format: 'float' }).expect(200)).body.data[0].embedding as number[];
    const base64 = (await embed({ input: 'base64 please', encoding_format: 'base64' }).expect(200)).body.data[0].embedding as string;
    expect(floats(base64)).toEqual(float.map((value) => Math.fround(value)));
  }, 60_000);

  test('dimensions cuts and re-normalises; more than the model has is a 400', async () => {
    const full = (await embed({ input: 'shorter' }).expect(200)).body.data[0].embedding as number[];
    const short = (await embed({ input: 'shorter', dimensions: 64 }).expect(200)).body.data[0].embedding as number[];
    expect(short).toHaveLength(64);
    expect(norm(short)).toBeCloseTo(1, 5);
    expect(cosine(short, full.slice(0, 64)) / norm(full.slice(0, 64))).toBeCloseTo(1, 5);
    const res = await embed({ input: 'x', dimensions: 1024 }).expect(400);
    expect(res.body.error.param).toBe('dimensions');
  }, 60_000);

  test("OpenAI's model names are aliases: the response names the one asked for", async () => {
    const res = await embed({ model: 'text-embedding-3-small', input: 'alias' }).expect(200);
    expect(res.body.model).toBe('text-embedding-3-small');
    expect(res.headers['x-gateway-route']).toBe('local/use-lite-512');
  }, 60_000);

  test('every bad input is a 400 naming it (or a 404 for a model that does not embed), never a 5xx', async () => {
    const cases: Array<[object, number, string | null]> = [
      [{ input: '' }, 400, 'input'],
      [{ input: ['fine', ''] }, 400, 'input[1]'],
      [{ input: [] }, 400, 'input'],
      [{ input: Array.from({ length: 2049 }, () => 'x') }, 400, 'input'],
      [{ input: ['ok', 'word '.repeat(8200)] }, 400, 'input[1]'],
      [{ input: [[15339], [99_999_999]] }, 400, 'input[1][0]'],
      [{ input: [2 ** 32 + 15339] }, 400, 'input[0]'],
      [{ input: [[]] }, 400, 'input[0]'],
      [{ input: ['a'.repeat(70_000)] }, 400, 'input[0]'],
      [{ input: 'x', encoding_format: 'binary' }, 400, 'encoding_format'],
      [{ input: 'x', dimensions: 0 }, 400, 'dimensions'],
      [{ input: 42 }, 400, 'input'],
      [{ model: 'sonnet', input: 'x' }, 404, 'model'],
    ];
    for (const [body, status, param] of cases) {
      const res = await embed(body);
      expect([JSON.stringify(body).slice(0, 60), res.status, res.body.error?.param]).toEqual([JSON.stringify(body).slice(0, 60), status, param]);
    }
  }, 60_000);

  test('the event loop stays free while the model works: /health answers before a large batch (96 sentences, ~1 s) is done', async () => {
    const order: string[] = [];
    const batch = embed({ input: Array.from({ length: 96 }, (_, i) => `Sentence ${i} about something else entirely.`) }).then(() => order.push('embeddings'));
    await new Promise((resolve) => setTimeout(resolve, 200));
    await request(app).get('/health').expect(200);
    order.push('health');
    await batch;
    expect(order).toEqual(['health', 'embeddings']);
  }, 60_000);

  test('GET /v1/models lists the model and its aliases as embedding models', async () => {
    const res = await request(app).get('/v1/models').expect(200);
    const byId = new Map(res.body.data.map((model: { id: string }) => [model.id, model]));
    expect(byId.get('use-lite-512')).toMatchObject({ model_type: 'embedding', dimensions: 512 });
    expect(byId.get('text-embedding-3-small')).toMatchObject({ model_type: 'embedding', dimensions: 512 });
    expect(byId.get('sonnet')).toMatchObject({ model_type: 'chat' });
    expect((await request(app).get('/v1/models/use-lite-512').expect(200)).body.model_type).toBe('embedding');
  });
});

describe('the embeddings queue', () => {
  test('is its own: full, it answers 429 queue_full', async () => {
    const slow = { name: 'local', models: [{ id: 'use-lite-512', dimensions: 512 }], embed: () => new Promise<Float32Array[]>((resolve) => setTimeout(() => resolve([new Float32Array(512).fill(1)]), 300)) };
    const app = createTestApp(createFakeBackend().backend, { embeddings: testEmbeddings(slow, { maxActive: 1, maxQueued: 0 }) });
    const [first, second] = await Promise.all([
      request(app).post('/v1/embeddings').send({ input: 'a' }),
      new Promise((resolve) => setTimeout(resolve, 50)).then(() => request(app).post('/v1/embeddings').send({ input: 'b' })),
    ]);
    expect(first.status).toBe(200);
    expect([second.status, second.body.error.code]).toEqual([429, 'queue_full']);
  });
});
