import { OpenAIEmbeddings } from '@langchain/openai';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import OpenAI from 'openai';
import supertest from 'supertest';
import { createLocalEmbedder, type LocalEmbedder } from '../../src/backends/local-embeddings/create-local-embedder.js';
import { createOpenAiEmbedder } from '../../src/backends/openai-http/create-openai-embedder.js';
import type { Embedder } from '../../src/core/embedder.js';
import { providerBackends } from '../../src/routing/create-provider.js';
import { startRouting } from '../../src/routing/start-routing.js';
import { createTestApp, testCatalog, testEmbeddings } from '../support/create-test-app.js';
import { createFakeBackend } from '../support/fake-backend.js';
import { startFakeEmbeddings, type FakeEmbeddings } from '../support/fake-embeddings.js';

async function serve(embedder: Embedder): Promise<{ url: string; server: Server }> {
  const app = createTestApp(createFakeBackend().backend, { embeddings: testEmbeddings(embedder) });
  const server: Server = await new Promise((resolve) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s));
  });
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`, server };
}
const cosine = (a: number[], b: number[]) => a.reduce((sum, value, i) => sum + value * b[i]!, 0);

describe('embeddings clients end to end (the bundled model)', () => {
  let embedder: LocalEmbedder;
  let gateway: { url: string; server: Server };
  beforeAll(async () => {
    embedder = createLocalEmbedder();
    gateway = await serve(embedder);
  });
  afterAll(async () => {
    gateway.server.close();
    await embedder.close();
  });

  test('openai-node embeddings.create: its default (base64, decoded by the SDK) equals float', async () => {
    const client = new OpenAI({ baseURL: gateway.url, apiKey: 'unused', maxRetries: 0 });
    const byDefault = await client.embeddings.create({ model: 'text-embedding-3-small', input: ['Paris is in France.', 'Berlin is in Germany.'] });
    const asFloat = await client.embeddings.create({ model: 'text-embedding-3-small', input: ['Paris is in France.', 'Berlin is in Germany.'], encoding_format: 'float' });
    expect(byDefault.model).toBe('text-embedding-3-small');
    expect(byDefault.data.map((item) => item.embedding.length)).toEqual([512, 512]);
    for (const i of [0, 1]) expect(byDefault.data[i]!.embedding).toEqual(asFloat.data[i]!.embedding.map((value) => Math.fround(value)));
    expect(byDefault.usage.prompt_tokens).toBeGreaterThan(0);
  }, 60_000);

  test("LangChain's OpenAIEmbeddings: embedDocuments and embedQuery rank the related document first", async () => {
    const embeddings = new OpenAIEmbeddings({ model: 'text-embedding-3-small', apiKey: 'unused', configuration: { baseURL: gateway.url }, maxRetries: 0 });
    const documents = ['The cat sat on the mat.', 'Quarterly revenue grew by ten percent.'];
    const [cat, revenue] = await embeddings.embedDocuments(documents);
    const query = await embeddings.embedQuery('Where did the cat sit?');
    expect(cat).toHaveLength(512);
    expect(cosine(query, cat!)).toBeGreaterThan(cosine(query, revenue!));
  }, 60_000);
});

describe('embeddings from an OpenAI-compatible server (EMBEDDINGS_BASE_URL)', () => {
  let fake: FakeEmbeddings;
  let gateway: { url: string; server: Server };
  let client: OpenAI;
  let upstream: Embedder;
  beforeAll(async () => {
    fake = await startFakeEmbeddings();
    upstream = createOpenAiEmbedder({ name: 'embeddings', baseUrl: fake.url, apiKey: 'upstream-key', model: 'nomic-embed-text', timeoutMs: 10_000 });
    gateway = await serve(upstream);
    client = new OpenAI({ baseURL: gateway.url, apiKey: 'unused', maxRetries: 0 });
  });
  afterAll(async () => {
    gateway.server.closeAllConnections();
    gateway.server.close();
    await upstream.close?.();
    await fake.close();
  });

  test('forwards the texts to the default model (aliases too), and answers in input order, normalised', async () => {
    fake.reply({ kind: 'vectors', shuffled: true });
    const answer = await client.embeddings.create({ model: 'text-embedding-3-small', input: ['ab', 'abcd'], encoding_format: 'float' });
    expect(fake.requests.at(-1)!.body).toMatchObject({ model: 'nomic-embed-text', input: ['ab', 'abcd'] });
    expect(fake.requests.at(-1)!.headers.authorization).toBe('Bearer upstream-key');
    expect(answer.data.map((item) => item.embedding[1]! / item.embedding[0]!)).toEqual([0.5, 0.25].map((v) => expect.closeTo(v, 5)));
    expect(Math.hypot(...answer.data[0]!.embedding)).toBeCloseTo(1, 5);
    await client.embeddings.create({ model: 'mxbai-embed-large', input: 'x', dimensions: 2 });
    expect(fake.requests.at(-1)!.body).toMatchObject({ model: 'mxbai-embed-large', dimensions: 2 });
  });

  test("the server's errors map as for chat", async () => {
    const cases: Array<[number, number, string]> = [
      [401, 502, 'upstream_unauthorized'],
      [429, 429, 'upstream_rate_limited'],
      [400, 400, 'invalid_request'],
      [500, 502, 'upstream_error'],
    ];
    for (const [upstream, status, code] of cases) {
      fake.reply({ kind: 'error', status: upstream, body: { error: { message: 'nope' } } });
      const error = (await client.embeddings.create({ model: 'nomic-embed-text', input: 'x' }).catch((caught: unknown) => caught)) as { status: number; code: string };
      expect([upstream, error.status, error.code]).toEqual([upstream, status, code]);
    }
  });

  test('an answer that is not one usable vector per input is a 502, never a 200', async () => {
    const answers = [
      'not json',
      JSON.stringify({ data: [null, { index: 1, embedding: [1, 0] }] }),
      JSON.stringify({ data: [{ index: 0, embedding: [0, 0] }, { index: 1, embedding: [1, 0] }] }),
      JSON.stringify({ data: [{ index: 0, embedding: [1, 0] }, { index: 1, embedding: [1, 0, 0] }] }),
      JSON.stringify({ data: [{ index: 0, embedding: [] }, { index: 1, embedding: [] }] }),
      JSON.stringify({ data: [{ index: 0, embedding: [1, 0] }] }),
    ];
    for (const body of answers) {
      fake.reply({ kind: 'raw', body });
      const error = (await client.embeddings.create({ model: 'nomic-embed-text', input: ['a', 'b'] }).catch((caught: unknown) => caught)) as { status: number; code: string };
      expect([body, error.status, error.code]).toEqual([body, 502, 'upstream_error']);
    }
  });

  test("a config file's provider serves its embedding models, by the file's name or <provider>/<model>", async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ccg-embeddings-'));
    const configFile = join(dir, 'gateway.yaml');
    writeFileSync(configFile, `providers:\n  - name: ollama\n    type: openai\n    base_url: ${fake.url}\n    models: [nomic-embed-text]\nmodels:\n  nomic: ollama/nomic-embed-text\n`);
    const { backend } = createFakeBackend();
    const routing = await startRouting({
      configFile,
      env: {},
      cli: backend,
      catalog: testCatalog,
      createProvider: providerBackends({ stallTimeoutMs: 10_000, requestTimeoutMs: 10_000 }),
      logger: { info: () => undefined, error: () => undefined } as never,
      retireAfterMs: 1000,
    });
    const app = createTestApp(backend, { router: routing.router, embeddings: testEmbeddings() });
    try {
      for (const model of ['nomic', 'ollama/nomic-embed-text']) {
        const res = await supertest(app).post('/v1/embeddings').send({ model, input: ['abc'] }).expect(200);
        expect([res.body.model, res.headers['x-gateway-route'], fake.requests.at(-1)!.body.model]).toEqual([model, 'ollama/nomic-embed-text', 'nomic-embed-text']);
      }
    } finally {
      await routing.close();
    }
  });

  test("the client's abort aborts the upstream call", async () => {
    fake.reply({ kind: 'hang' });
    const controller = new AbortController();
    const pending = client.embeddings.create({ model: 'nomic-embed-text', input: 'x' }, { signal: controller.signal }).catch(() => 'aborted');
    await new Promise((resolve) => setTimeout(resolve, 200));
    controller.abort();
    expect(await pending).toBe('aborted');
    await fake.aborted; // the gateway closed its upstream request (the test times out otherwise)
  });
});
