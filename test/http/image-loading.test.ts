import request from 'supertest';
import { GatewayError } from '../../src/core/errors.js';
import { createImageFetcher } from '../../src/media/create-image-fetcher.js';
import { createTestApp } from '../support/create-test-app.js';
import { createFakeBackend } from '../support/fake-backend.js';
import { pngBase64, serveFiles } from '../support/images.js';

const chat = { model: 'sonnet', messages: [{ role: 'user', content: 'Hello' }] };
const imageAsk = (urls: string[]) => ({ model: 'sonnet', messages: [{ role: 'user', content: urls.map((url) => ({ type: 'image_url', image_url: { url } })) }] });
const allowingPrivate = createImageFetcher({ maxBytes: 64 * 1024, timeoutMs: 5000, allowPrivate: true });

describe('images: shutdown, cheap checks first, listeners', () => {
  let files: Awaited<ReturnType<typeof serveFiles>>;
  let fetched = 0;
  beforeAll(async () => {
    files = await serveFiles({
      '/slow.png': { type: 'image/png', body: Buffer.from(pngBase64, 'base64'), trickle: true },
      ...Object.fromEntries(Array.from({ length: 20 }, (_, i) => [`/cat${i}.png`, { type: 'image/png', body: Buffer.from(pngBase64, 'base64') }])),
    });
    files.server.on('request', () => (fetched += 1));
  });
  afterAll(() => new Promise((resolve) => files.server.close(resolve)));

  test('14. shutdown during an image fetch answers 503 shutting_down, not a 400 about the fetch', async () => {
    const shutdownDeadline = new AbortController();
    const app = createTestApp(createFakeBackend().backend, { fetchImage: allowingPrivate, shutdownDeadline: shutdownDeadline.signal });
    setTimeout(() => shutdownDeadline.abort(), 300);
    const res = await request(app).post('/v1/chat/completions').send(imageAsk([`${files.url}/slow.png`])).expect(503);
    expect(res.body.error.code).toBe('shutting_down');
  });

  test('15. cheap checks first: an unknown model with 20 image URLs makes no fetch', async () => {
    const app = createTestApp(createFakeBackend().backend, { fetchImage: allowingPrivate });
    fetched = 0;
    const urls = Array.from({ length: 20 }, (_, i) => `${files.url}/cat${i}.png`);
    await request(app).post('/v1/chat/completions').send({ ...imageAsk(urls), model: 'gpt-9000' }).expect(404);
    await request(app).post('/v1/chat/completions').send({ ...imageAsk(urls), tools: [{ type: 'function', function: { name: 'bad name!' } }] }).expect(400);
    await request(app).post('/v1/chat/completions').send({ ...imageAsk(urls), n: 99 }).expect(400);
    expect(fetched).toBe(0);
  });

  test('15. checks the backend makes come before the fetches too', async () => {
    const { backend } = createFakeBackend();
    const refusing = { ...backend, stream: () => { throw new GatewayError('invalid_request', 'not allowed', { param: 'claude_tools' }); } };
    fetched = 0;
    const urls = Array.from({ length: 5 }, (_, i) => `${files.url}/cat${i}.png`);
    await request(createTestApp(refusing, { fetchImage: allowingPrivate })).post('/v1/chat/completions').send(imageAsk(urls)).expect(400);
    expect(fetched).toBe(0);
  });

  test('16. twenty images load without a MaxListenersExceededWarning', async () => {
    const warnings: Error[] = [];
    const onWarning = (warning: Error) => warning.name === 'MaxListenersExceededWarning' && warnings.push(warning);
    process.on('warning', onWarning);
    try {
      const { backend, requests } = createFakeBackend();
      const app = createTestApp(backend, { fetchImage: allowingPrivate });
      await request(app).post('/v1/chat/completions').send(imageAsk(Array.from({ length: 20 }, (_, i) => `${files.url}/cat${i}.png`))).expect(200);
      expect(requests.at(-1)!.messages[0]!.content.filter((part) => part.type === 'image' && part.data === pngBase64)).toHaveLength(20);
      await new Promise((resolve) => setImmediate(resolve));
      expect(warnings).toEqual([]);
    } finally {
      process.off('warning', onWarning);
    }
  });
});
