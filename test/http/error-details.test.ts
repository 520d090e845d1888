import { Writable } from 'node:stream';
import { pino } from 'pino';
import request from 'supertest';
import { GatewayError } from '../../src/core/errors.js';
import { createTestApp } from '../support/create-test-app.js';
import { textBlock } from '../support/events.js';
import { createFakeBackend } from '../support/fake-backend.js';

const chat = { model: 'sonnet', messages: [{ role: 'user', content: 'Hello' }] };

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

describe('what a request ended with, once the client has gone', () => {
  test('a bug thrown after the client left is still logged as the bug it is', async () => {
    const lines: string[] = [];
    const logger = pino({ level: 'info' }, new Writable({ write: (chunk, _encoding, done) => done(void lines.push(String(chunk))) }));
    const { backend } = createFakeBackend();
    let release!: () => void;
    const gone = new Promise<void>((resolve) => (release = resolve));
    const buggy = {
      ...backend,
      async *stream() {
        await gone;
        throw new TypeError('a bug after the abort');
      },
    };
    const app = createTestApp(buggy, { logger });
    const server = app.listen(0, '127.0.0.1');
    await new Promise((resolve) => server.once('listening', resolve));
    const controller = new AbortController();
    const url = `http://127.0.0.1:${(server.address() as { port: number }).port}/v1/chat/completions`;
    const pending = fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(chat), signal: controller.signal }).catch(() => undefined);
    await new Promise((resolve) => setTimeout(resolve, 100));
    controller.abort();
    await pending;
    await new Promise((resolve) => setTimeout(resolve, 50));
    release();
    await new Promise((resolve) => setTimeout(resolve, 100));
    server.closeAllConnections();
    server.close();
    const logged = lines.map((line) => JSON.parse(line)).find((line) => line.msg === 'unexpected error after the client left');
    expect(logged).toMatchObject({ level: 50, err: { type: 'TypeError', message: 'a bug after the abort' } });
  });
});

