import { connect } from 'node:net';
import type { AddressInfo } from 'node:net';
import { Writable } from 'node:stream';
import { pino } from 'pino';
import request from 'supertest';
import { GatewayError } from '../../src/core/errors.js';
import { createImageFetcher } from '../../src/media/create-image-fetcher.js';
import { createTestApp } from '../support/create-test-app.js';
import { textBlock } from '../support/events.js';
import { createFakeBackend, finish } from '../support/fake-backend.js';
import { pngBase64, serveFiles } from '../support/images.js';

const chat = { model: 'sonnet', messages: [{ role: 'user', content: 'Hello' }] };
const imageAsk = (urls: string[]) => ({ model: 'sonnet', messages: [{ role: 'user', content: urls.map((url) => ({ type: 'image_url', image_url: { url } })) }] });
const allowingPrivate = createImageFetcher({ maxBytes: 64 * 1024, timeoutMs: 5000, allowPrivate: true });

/** Sends raw bytes and resolves with what came back within `ms` (the socket is left open, as a slow client would). */
function rawRequest(port: number, head: string, ms: number): Promise<{ text: string; afterMs: number }> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    const started = Date.now();
    let text = '';
    socket.on('data', (data) => (text += data.toString()));
    socket.on('close', () => resolve({ text, afterMs: Date.now() - started }));
    socket.write(head);
    setTimeout(() => {
      socket.destroy();
      resolve({ text, afterMs: Date.now() - started });
    }, ms);
  });
}

describe('1. DNS rebinding: without API keys, only requests addressed to this machine are served', () => {
  const { backend, requests } = createFakeBackend();
  const app = createTestApp(backend, { allowedHosts: ['gateway.internal'] });

  test('a foreign Host is a 403 host_not_allowed, and nothing runs', async () => {
    const res = await request(app).post('/v1/chat/completions').set('host', 'attacker.example:8000').send(chat).expect(403);
    expect(res.body.error).toMatchObject({ code: 'host_not_allowed', type: 'permission_error' });
    expect(requests).toHaveLength(0);
    await request(app).get('/health').set('host', 'attacker.example').expect(403);
  });

  test.each(['localhost:8000', '127.0.0.1:8000', '127.1.2.3', '[::1]:8000', 'LOCALHOST', 'app.localhost:8000', 'gateway.internal:8000'])(
    'Host %s is served',
    async (host) => {
      await request(app).get('/v1/models').set('host', host).expect(200);
    },
  );

  test('with API keys configured, any Host is served (the key is the protection)', async () => {
    const keyed = createTestApp(backend, { apiKeys: ['k'] });
    await request(keyed).get('/v1/models').set('host', 'gateway.example.com').set('x-api-key', 'k').expect(200);
  });
});

describe('2. failed-auth throttling', () => {
  test('wrong keys past the limit get 429 with Retry-After — the right key too, until the window ends', async () => {
    const { backend } = createFakeBackend();
    const app = createTestApp(backend, { apiKeys: ['right'], authFailuresPerMinute: 3 });
    await request(app).get('/v1/models').set('x-api-key', 'right').expect(200); // successes do not count
    for (let i = 0; i < 3; i += 1) await request(app).get('/v1/models').set('x-api-key', `wrong-${i}`).expect(401);
    const refused = await request(app).get('/v1/models').set('x-api-key', 'wrong-3').expect(429);
    expect(refused.body.error.code).toBe('rate_limited');
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
    await request(app).get('/v1/models').set('x-api-key', 'right').expect(429);
  });
});

describe('5. information in errors', () => {
  test('details kept for the log are not sent; the message gives the request id instead', async () => {
    const lines: string[] = [];
    const logger = pino({ level: 'info' }, new Writable({ write: (chunk, _encoding, done) => done(void lines.push(String(chunk))) }));
    const failing = createFakeBackend(() => ({ error: new GatewayError('cli_failed', 'The Claude CLI exited with code 1.', { detail: 'fatal at /secret/path/config.json' }) }));
    const res = await request(createTestApp(failing.backend, { logger })).post('/v1/chat/completions').set('x-request-id', 'req-42').send(chat).expect(502);
    expect(res.body.error.message).toBe("The Claude CLI exited with code 1. The gateway's log has the details under request id req-42.");
    expect(JSON.stringify(res.body)).not.toContain('/secret/path');
    const logged = lines.map((line) => JSON.parse(line)).find((line) => line.req?.id === 'req-42');
    expect(logged).toMatchObject({ level: 50, error: { code: 'cli_failed', detail: 'fatal at /secret/path/config.json' } });
  });
});

describe('8. bad input is a 400 naming the field, never a 5xx', () => {
  const { backend, requests } = createFakeBackend();
  const app = createTestApp(backend, { bodyLimit: '2mb' });
  // Written out by hand: JSON.stringify itself overflows the stack at this depth.
  const nested = (depth: number) => `${'{"a":'.repeat(depth)}"leaf"${'}'.repeat(depth)}`;
  const post = (json: string) => request(app).post('/v1/chat/completions').set('content-type', 'application/json').send(json);

  test.each([
    [{ ...chat, stop: 'x'.repeat(200_000) }, 'stop'],
    [{ ...chat, stop: ['a'.repeat(40_000), 'b'.repeat(40_000), 'c'.repeat(40_000), 'd'.repeat(40_000)] }, 'stop[0]'],
  ])('a stop sequence over 1000 characters: %#', async (body, param) => {
    const res = await request(app).post('/v1/chat/completions').send(body).expect(400);
    expect(res.body.error).toMatchObject({ code: 'invalid_request', param });
  });

  test('a JSON schema nested 10,000 deep', async () => {
    const res = await post(`{"model":"sonnet","messages":[{"role":"user","content":"x"}],"response_format":{"type":"json_schema","json_schema":{"name":"x","schema":{"type":"object","properties":${nested(10_000)}}}}}`).expect(400);
    expect(res.body.error.code).toBe('invalid_request');
    expect(res.body.error.param).toMatch(/^response_format\.json_schema\.schema\.properties(\.a)+$/);
  });

  test('tool parameters nested 10,000 deep', async () => {
    const res = await post(`{"model":"sonnet","messages":[{"role":"user","content":"x"}],"tools":[{"type":"function","function":{"name":"f","parameters":${nested(10_000)}}}]}`).expect(400);
    expect(res.body.error.param).toMatch(/^tools\[0\]\.function\.parameters/);
  });

  test('tool-call arguments nested 10,000 deep (a JSON text inside the body)', async () => {
    const messages = [
      { role: 'user', content: 'x' },
      { role: 'assistant', content: null, tool_calls: [{ id: 'c1', type: 'function', function: { name: 'f', arguments: nested(10_000) } }] },
      { role: 'tool', content: 'r', tool_call_id: 'c1' },
    ];
    const res = await request(app).post('/v1/chat/completions').send({ ...chat, messages }).expect(400);
    expect(res.body.error.param).toMatch(/^messages\[1\]\.tool_calls\[0\]\.function\.arguments(\.a)+$/);
    expect(requests).toHaveLength(0);
  });
});

describe('9. prototype keys as model names', () => {
  const { backend } = createFakeBackend();
  const app = createTestApp(backend);
  test.each(['__proto__', 'constructor', 'toString', 'hasOwnProperty', 'valueOf'])('model %s is a 404 model_not_found', async (model) => {
    const res = await request(app).post('/v1/chat/completions').send({ ...chat, model }).expect(404);
    expect(res.body.error).toMatchObject({ code: 'model_not_found', param: 'model' });
    expect(res.body.error.message).toContain(`'${model}'`);
    await request(app).get(`/v1/models/${model}`).expect(404);
  });
});

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

describe('17. silent failures', () => {
  test('a bug after the stream started is logged at error level with its cause', async () => {
    const lines: string[] = [];
    const logger = pino({ level: 'info' }, new Writable({ write: (chunk, _encoding, done) => done(void lines.push(String(chunk))) }));
    const { backend } = createFakeBackend();
    const buggy = { ...backend, async *stream() { yield* textBlock('Hel').slice(0, 2); throw new TypeError('cannot read x of undefined'); } };
    const res = await request(createTestApp(buggy, { logger })).post('/v1/chat/completions').send({ ...chat, stream: true }).expect(200);
    expect(res.text).toContain('"code":"internal_error"');
    const logged = lines.map((line) => JSON.parse(line)).find((line) => line.error);
    expect(logged).toMatchObject({ level: 50, error: { code: 'internal_error', cause: { type: 'TypeError', message: 'cannot read x of undefined' } } });
  });

  test('an upstream failure after the stream started is logged at warn or above, not info', async () => {
    const lines: string[] = [];
    const logger = pino({ level: 'info' }, new Writable({ write: (chunk, _encoding, done) => done(void lines.push(String(chunk))) }));
    const failing = createFakeBackend(() => ({ events: textBlock('Hel').slice(0, 2), error: new GatewayError('timeout', 'stalled') }));
    await request(createTestApp(failing.backend, { logger })).post('/v1/chat/completions').send({ ...chat, stream: true }).expect(200);
    const logged = lines.map((line) => JSON.parse(line)).find((line) => line.error);
    expect(logged.level).toBeGreaterThanOrEqual(40);
    expect(logged.error.code).toBe('timeout');
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

describe('20. declared-but-never-sent bodies', () => {
  const app = createTestApp(createFakeBackend().backend, { bodyLimit: '1mb', bodyTimeoutMs: 500 });
  let server: ReturnType<typeof app.listen>;
  let port: number;
  beforeAll(async () => {
    server = app.listen(0, '127.0.0.1');
    await new Promise((resolve) => server.once('listening', resolve));
    port = (server.address() as AddressInfo).port;
  });
  afterAll(() => {
    server.closeAllConnections();
    return new Promise((resolve) => server.close(resolve));
  });
  const head = (length: number) =>
    `POST /v1/chat/completions HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: ${length}\r\n\r\n{"`;

  test('a declared length over BODY_LIMIT is a 413 at once, in the documented shape', async () => {
    const { text, afterMs } = await rawRequest(port, head(10_000_000_000), 3000);
    expect(text).toMatch(/^HTTP\/1\.1 413/);
    expect(JSON.parse(text.slice(text.indexOf('\r\n\r\n') + 4))).toMatchObject({ error: { code: 'payload_too_large' } });
    expect(afterMs).toBeLessThan(2500); // answered, and the connection closed, well before the wait ends
  });

  test('a body that never finishes arriving is a 408 after the body timeout, in the documented shape', async () => {
    const { text } = await rawRequest(port, head(100), 3000);
    expect(text).toMatch(/^HTTP\/1\.1 408/);
    expect(JSON.parse(text.slice(text.indexOf('\r\n\r\n') + 4))).toMatchObject({ error: { code: 'request_timeout' } });
  });
});
