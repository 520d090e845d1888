import type { Server } from 'node:http';
import request from 'supertest';
import { createImageFetcher } from '../../src/media/create-image-fetcher.js';
import { createTestApp } from '../support/create-test-app.js';
import { createFakeBackend } from '../support/fake-backend.js';
import { pngBase64, pngDataUrl, serveFiles } from '../support/images.js';

const png = Buffer.from(pngBase64, 'base64');
const ask = (parts: unknown[]) => ({ model: 'sonnet', messages: [{ role: 'user', content: parts }] });
const image = (url: string) => ({ type: 'image_url', image_url: { url } });

describe('images', () => {
  let files: { url: string; server: Server };
  beforeAll(async () => {
    files = await serveFiles({
      '/cat.png': { type: 'image/png', body: png },
      '/cat.html': { type: 'text/html', body: Buffer.from('<html>') },
      '/fake.png': { type: 'image/png', body: Buffer.from('not an image at all') },
      '/big.png': { type: 'image/png', body: Buffer.concat([png, Buffer.alloc(100 * 1024)]) },
      '/moved': { status: 302, location: '/cat.png' },
      '/slow.png': { type: 'image/png', body: png, trickle: true },
    });
  });
  afterAll(() => {
    files.server.closeAllConnections();
    return new Promise((resolve) => files.server.close(resolve));
  });

  const { backend, requests } = createFakeBackend();
  const app = createTestApp(backend);
  const appAllowingPrivate = createTestApp(backend, { fetchImage: createImageFetcher({ maxBytes: 64 * 1024, timeoutMs: 2000, allowPrivate: true }) });

  test('a data URL reaches the backend as an image part, in place among the text', async () => {
    await request(app).post('/v1/chat/completions').send(ask([{ type: 'text', text: 'What is this?' }, image(pngDataUrl)])).expect(200);
    expect(requests.at(-1)!.messages[0]!.content).toEqual([
      { type: 'text', text: 'What is this?' },
      { type: 'image', mediaType: 'image/png', data: pngBase64 },
    ]);
  });

  test('the format comes from the bytes, not from what the data URL claims', async () => {
    await request(app).post('/v1/chat/completions').send(ask([image(`data:image/jpeg;base64,${pngBase64}`)])).expect(200);
    expect(requests.at(-1)!.messages[0]!.content[0]).toMatchObject({ mediaType: 'image/png' });
  });

  test('an Anthropic-style base64 image block is accepted too', async () => {
    await request(app)
      .post('/v1/chat/completions')
      .send(ask([{ type: 'image', source: { type: 'base64', media_type: 'image/png', data: pngBase64 } }]))
      .expect(200);
    expect(requests.at(-1)!.messages[0]!.content[0]).toMatchObject({ type: 'image', mediaType: 'image/png' });
  });

  test.each([
    ['data that is not an image', image('data:image/png;base64,aGVsbG8='), /not a PNG, JPEG, GIF or WebP/],
    ['a malformed data URL', image('data:text/plain,hello'), /data:image/],
    ['an image over the size limit', image(`data:image/png;base64,${Buffer.concat([png, Buffer.alloc(70 * 1024)]).toString('base64')}`), /over the limit/],
    ['another scheme', image('file:///etc/passwd'), /only data:, http: and https:/],
  ])('%s is a 400 naming the part', async (_name, part, reason) => {
    const res = await request(app).post('/v1/chat/completions').send(ask([{ type: 'text', text: 'x' }, part])).expect(400);
    expect(res.body.error).toMatchObject({ code: 'invalid_request', param: 'messages[0].content[1]' });
    expect(res.body.error.message).toMatch(reason);
  });

  test('an image followed by an invalid message is a plain 400, with the image load abandoned, not a crash', async () => {
    const unhandled: unknown[] = [];
    const onUnhandled = (reason: unknown) => unhandled.push(reason);
    process.on('unhandledRejection', onUnhandled);
    try {
      const messages = [
        { role: 'user', content: [image('data:image/png;base64,AAAA')] },
        { role: 'assistant', content: 'hi' },
      ];
      const res = await request(app).post('/v1/chat/completions').send({ model: 'sonnet', messages }).expect(400);
      expect(res.body.error.param).toBe('messages');
      await new Promise((resolve) => setTimeout(resolve, 50));
      expect(unhandled).toEqual([]);
    } finally {
      process.off('unhandledRejection', onUnhandled);
    }
  });

  test('a request may carry at most 100 images', async () => {
    const res = await request(app).post('/v1/chat/completions').send(ask(Array.from({ length: 101 }, () => image(pngDataUrl)))).expect(400);
    expect(res.body.error).toMatchObject({ param: 'messages[0].content[100]', message: expect.stringMatching(/at most 100 images/) });
  });

  test('URLs on loopback or private addresses are refused by default', async () => {
    const res = await request(app).post('/v1/chat/completions').send(ask([image(`${files.url}/cat.png`)])).expect(400);
    expect(res.body.error.message).toMatch(/its address is private, loopback, link-local or reserved/);
    expect(res.body.error.message).not.toMatch(/127\.0\.0\.1/); // no resolved addresses for clients to probe DNS with
    const metadata = await request(app).post('/v1/chat/completions').send(ask([image('http://169.254.169.254/latest/meta-data')])).expect(400);
    expect(metadata.body.error.param).toBe('messages[0].content[0]');
  });

  test('an http(s) image is fetched (following a redirect) when the target is allowed', async () => {
    await request(appAllowingPrivate).post('/v1/chat/completions').send(ask([image(`${files.url}/moved`)])).expect(200);
    expect(requests.at(-1)!.messages[0]!.content[0]).toEqual({ type: 'image', mediaType: 'image/png', data: pngBase64 });
  });

  test.each([
    ['/cat.html', /sent text\/html/],
    ['/fake.png', /not a PNG/],
    ['/big.png', /over the limit/],
    ['/missing.png', /HTTP 404/],
    ['/slow.png', /not fetched within 2 s/],
  ])('a fetched %s is refused: %s', async (path, reason) => {
    const res = await request(appAllowingPrivate).post('/v1/chat/completions').send(ask([image(`${files.url}${path}`)])).expect(400);
    expect(res.body.error.message).toMatch(reason);
  });
});
