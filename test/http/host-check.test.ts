import request from 'supertest';
import { createTestApp } from '../support/create-test-app.js';
import { createFakeBackend } from '../support/fake-backend.js';

const chat = { model: 'sonnet', messages: [{ role: 'user', content: 'Hello' }] };

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

  test.each(['evil.example@localhost', 'localhost/x.evil', 'localhost:8000/path', 'localhost evil', '127.0.0.1:99999999', ''])(
    'a malformed Host is refused: %j',
    async (host) => {
      await request(app).get('/v1/models').set('host', host).expect(403);
    },
  );
});
