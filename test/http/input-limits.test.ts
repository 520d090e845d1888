import { connect } from 'node:net';
import type { AddressInfo } from 'node:net';
import request from 'supertest';
import { createTestApp } from '../support/create-test-app.js';
import { createFakeBackend } from '../support/fake-backend.js';

const chat = { model: 'sonnet', messages: [{ role: 'user', content: 'Hello' }] };

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

  test('a body of more JSON items than any real request (a flat array of 600,000 numbers) is a 400, before it is parsed', async () => {
    const res = await post(`{"model":"sonnet","messages":[${'1,'.repeat(600_000)}1]}`).expect(400);
    expect(res.body.error.message).toMatch(/more than 500,000 JSON items/);
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
