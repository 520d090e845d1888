import request from 'supertest';
import type { Embedder } from '../../src/core/embedder.js';
import { createTestApp, testEmbeddings } from '../support/create-test-app.js';
import { createFakeBackend, finish } from '../support/fake-backend.js';
import { createDocumentValidator, operationsOf, type OpenApiDocument } from '../support/openapi-validator.js';
import { readSseEvents } from '../support/read-sse.js';

/** Four dimensions from each text's length: enough to tell vectors apart. */
const embedder: Embedder = {
  name: 'local',
  models: [{ id: 'use-lite-512', dimensions: 4 }],
  embed: async (texts) => texts.map((text) => Float32Array.from([text.length, 1, 0, 0])),
};
const fake = createFakeBackend(() => ({ events: finish('Hi there.') }));
const app = createTestApp(fake.backend, { embeddings: testEmbeddings(embedder) });

const chat = { model: 'sonnet', messages: [{ role: 'user', content: 'Hello' }] };
const ask = { ...chat, max_tokens: 100 };
const responseInput = { model: 'sonnet', input: 'Hello' };

/** What earlier samples created, for later ones to name. */
const made: Record<'session' | 'response', string> = { session: '', response: '' };

/** One request: the operation it exercises, the concrete path (later samples need ids made earlier), and its status. */
interface Sample {
  operation: string;
  path?: () => string;
  body?: unknown;
  headers?: Record<string, string>;
  status: number;
  keep?: (body: { id: string }) => void;
}

const samples: Sample[] = [
  { operation: 'POST /v1/chat/completions', body: chat, status: 200 },
  { operation: 'POST /v1/chat/completions', body: { ...chat, stream: true, stream_options: { include_usage: true } }, status: 200 },
  { operation: 'POST /v1/chat/completions', body: {}, status: 400 },
  { operation: 'POST /v1/messages', body: ask, status: 200 },
  { operation: 'POST /v1/messages', body: { ...ask, stream: true }, status: 200 },
  { operation: 'POST /v1/messages', body: { ...ask, max_tokens: 0 }, status: 400 },
  { operation: 'POST /v1/messages/count_tokens', body: chat, status: 200 },
  { operation: 'GET /v1/models', status: 200 },
  { operation: 'GET /v1/models', path: () => '/v1/models?limit=2&after_id=opus', status: 200 },
  { operation: 'GET /v1/models/{id}', path: () => '/v1/models/gpt-4o', status: 200 },
  { operation: 'GET /v1/models/{id}', path: () => '/v1/models/text-embedding-3-small', status: 200 },
  { operation: 'GET /v1/models/{id}', path: () => '/v1/models/nope', status: 404 },
  { operation: 'GET /v1/models/{id}', path: () => '/v1/models/nope', headers: { 'anthropic-version': '2023-06-01' }, status: 404 },
  { operation: 'GET /v1/auth/status', status: 200 },
  { operation: 'GET /v1/tools', status: 200 },
  { operation: 'GET /v1/security', status: 200 },
  { operation: 'POST /v1/sessions', status: 201, keep: ({ id }) => void (made.session = id) },
  { operation: 'POST /v1/chat/completions', body: () => ({ ...chat, session_id: made.session }), status: 200 },
  { operation: 'GET /v1/sessions', status: 200 },
  { operation: 'GET /v1/sessions/stats', status: 200 },
  { operation: 'GET /v1/sessions/{id}', path: () => `/v1/sessions/${made.session}`, status: 200 },
  { operation: 'POST /v1/sessions/{id}/clear', path: () => `/v1/sessions/${made.session}/clear`, status: 200 },
  { operation: 'DELETE /v1/sessions/{id}', path: () => `/v1/sessions/${made.session}`, status: 200 },
  { operation: 'DELETE /v1/sessions/{id}', path: () => `/v1/sessions/${made.session}`, status: 404 },
  { operation: 'POST /v1/responses', body: responseInput, status: 200, keep: ({ id }) => void (made.response = id) },
  { operation: 'POST /v1/responses', body: { ...responseInput, stream: true }, status: 200 },
  { operation: 'POST /v1/responses', body: { ...responseInput, background: true }, status: 400 },
  { operation: 'GET /v1/responses/{id}', path: () => `/v1/responses/${made.response}`, status: 200 },
  { operation: 'GET /v1/responses/{id}/input_items', path: () => `/v1/responses/${made.response}/input_items?order=asc`, status: 200 },
  { operation: 'DELETE /v1/responses/{id}', path: () => `/v1/responses/${made.response}`, status: 200 },
  { operation: 'GET /v1/responses/{id}', path: () => `/v1/responses/${made.response}`, status: 404 },
  { operation: 'POST /v1/embeddings', body: { model: 'text-embedding-3-small', input: ['one', 'three'] }, status: 200 },
  { operation: 'POST /v1/embeddings', body: { input: 'one', encoding_format: 'base64' }, status: 200 },
  { operation: 'POST /v1/embeddings', body: { input: [] }, status: 400 },
  { operation: 'GET /v1/usage', status: 200 },
  { operation: 'GET /v1/usage', path: () => '/v1/usage?key_id=0123456789abcdef', status: 404 },
  { operation: 'HEAD /', status: 200 },
  { operation: 'GET /health', status: 200 },
  { operation: 'GET /metrics', status: 200 },
  { operation: 'GET /openapi.json', status: 200 },
  { operation: 'GET /docs', status: 200 },
];

/** Each sample's request validates against the document's request schema, and its answer against the response's. */
describe('requests and answers against /openapi.json', () => {
  let document: OpenApiDocument;
  let check: ReturnType<typeof createDocumentValidator>;
  beforeAll(async () => {
    document = (await request(app).get('/openapi.json').expect(200)).body as OpenApiDocument;
    check = createDocumentValidator(document);
  });

  test('every operation has a successful sample here', () => {
    const answered = new Set(samples.filter((sample) => sample.status < 300).map((sample) => sample.operation));
    expect(operationsOf(document).filter((operation) => !answered.has(operation))).toEqual([]);
  });

  test.each(samples.map((sample, index) => [index, sample.operation, sample.status, sample] as const))('%i: %s → %i', async (_index, operation, status, sample) => {
    const [method, path] = operation.split(' ') as [string, string];
    const body = typeof sample.body === 'function' ? (sample.body as () => unknown)() : sample.body;
    if (body !== undefined && status < 300) expect(check.requestBody(method, path, body)).toEqual([]);
    const res = await request(app)[method.toLowerCase() as 'get'](sample.path?.() ?? path).set(sample.headers ?? {}).send(body as object);
    expect([res.status, res.status === status ? '' : res.text]).toEqual([status, '']);
    const mediaType = String(res.headers['content-type'] ?? '').split(';')[0]!;
    if (method === 'HEAD') expect(document.paths[path]!.head!.responses[String(status)]!.content).toBeUndefined();
    else if (mediaType === 'text/event-stream') {
      const events = readSseEvents(res.text);
      const data = events.map((event) => event.data).filter((item) => item !== '[DONE]');
      expect(data.length).toBeGreaterThan(2);
      for (const item of data) expect([item, check.event(method, path, item)]).toEqual([item, []]);
      for (const event of events) if (event.event !== undefined) expect(event.event).toBe((event.data as { type: string }).type);
    } else {
      expect(check.response(method, path, status, mediaType, mediaType === 'application/json' ? res.body : res.text)).toEqual([]);
    }
    sample.keep?.(res.body as { id: string });
  });
});
