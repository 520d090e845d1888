import { Validator } from '@seriousme/openapi-schema-validator';
import express from 'express';
import helmet from 'helmet';
import request from 'supertest';
import { createTestApp } from '../support/create-test-app.js';
import { createFakeBackend } from '../support/fake-backend.js';
import { listRoutes } from '../support/list-routes.js';
import { createDocumentValidator, operationsOf, type OpenApiDocument } from '../support/openapi-validator.js';

const key = 'document-test-key';
// No failed-key throttling: one test sends every operation without a key.
const app = createTestApp(createFakeBackend().backend, { apiKeys: [key], authFailuresPerMinute: 0 });
const load = async () => (await request(app).get('/openapi.json').expect(200).expect('content-type', /application\/json/)).body as OpenApiDocument;

describe('GET /openapi.json', () => {
  test('is a valid OpenAPI 3.1 document, each of its schemas valid JSON Schema 2020-12', async () => {
    const document = await load();
    const validator = new Validator();
    const result = await validator.validate(document as unknown as Parameters<Validator['validate']>[0]);
    expect(result.errors).toBeUndefined();
    expect([result.valid, validator.version]).toEqual([true, '3.1']);
    const { ajv } = createDocumentValidator(document);
    for (const [name, schema] of Object.entries(document.components.schemas)) expect([name, ajv.validateSchema(schema as object), ajv.errors]).toEqual([name, true, null]);
  });

  test('documents every route the Express app has, and no route it does not have', async () => {
    const routes = listRoutes(app);
    expect(routes).toContain('POST /v1/chat/completions'); // the listing reaches into the fronts' routers
    expect(routes).toContain('GET /v1/responses/{id}/input_items');
    expect(routes).toContain('HEAD /');
    expect(operationsOf(await load())).toEqual(routes);
    // A route added later (a /metrics, say) is listed too, so this test asks for its operation.
    const grown = createTestApp(createFakeBackend().backend);
    grown.get('/later', (_req, res) => void res.end());
    expect(listRoutes(grown)).toEqual([...routes, 'GET /later'].sort());
  });

  test('is served without a key, and says so; every other operation answers 401 without one, in its documented error shape', async () => {
    const document = await load();
    const check = createDocumentValidator(document);
    for (const operation of operationsOf(document)) {
      const [method, path] = operation.split(' ') as [string, string];
      const open = Array.isArray(document.paths[path]![method.toLowerCase()]!.security); // `security: []` overrides the keys
      const res = await request(app)[method.toLowerCase() as 'get'](path.replace(/\{\w+\}/g, 'x'));
      if (open) {
        expect([operation, res.status]).toEqual([operation, 200]);
        continue;
      }
      expect([operation, res.status]).toEqual([operation, 401]);
      expect([operation, check.response(method, path, 401, 'application/json', res.body)]).toEqual([operation, []]);
    }
  });

  test('the host check still guards it and the docs page (no keys: loopback names only)', async () => {
    const open = createTestApp(createFakeBackend().backend);
    for (const path of ['/openapi.json', '/docs']) {
      await request(open).get(path).set('host', 'attacker.example').expect(403);
      await request(open).get(path).set('host', 'localhost:8000').expect(200);
    }
  });
});

describe('content security policy', () => {
  const header = (res: request.Response) => res.headers['content-security-policy'] as string;

  test("the API keeps helmet's strict default; /docs and its files alone get the page's own", async () => {
    const bare = await request(express().use(helmet()).get('/', (_req, res) => void res.end())).get('/');
    const strict = header(bare);
    expect(strict).toContain('upgrade-insecure-requests');
    // helmet's other headers, as it sets them: the page keeps them all.
    const others = Object.keys(bare.headers).filter((name) => !['content-security-policy', 'date', 'connection', 'keep-alive', 'content-length'].includes(name));
    expect(others).toEqual(expect.arrayContaining(['x-content-type-options', 'x-frame-options', 'cross-origin-opener-policy']));
    const pick = (res: request.Response) => Object.fromEntries(others.map((name) => [name, res.headers[name]]));
    const api = {
      models: await request(app).get('/v1/models').set('x-api-key', key).expect(200),
      chat: await request(app).post('/v1/chat/completions').set('x-api-key', key).send({}).expect(400),
      health: await request(app).get('/health').expect(200),
      document: await request(app).get('/openapi.json').expect(200),
      unknown: await request(app).get('/nothing').expect(404),
      'not the docs': await request(app).get('/v1/docs').set('x-api-key', key).expect(404),
    };
    for (const [name, res] of Object.entries(api)) expect([name, header(res)]).toEqual([name, strict]);

    const page = [await request(app).get('/docs').expect(200).expect('content-type', /text\/html/), await request(app).get('/docs/start.js').expect(200)];
    for (const res of page) {
      expect(header(res)).not.toBe(strict);
      expect(header(res).split(';')).toEqual(expect.arrayContaining(["default-src 'self'", "script-src 'self'", "connect-src 'self'", "object-src 'none'"]));
      expect(header(res)).not.toContain('upgrade-insecure-requests');
      expect(pick(res)).toEqual(pick(bare));
    }
  });

  test("the page's files come from swagger-ui-dist, and only those it uses", async () => {
    expect((await request(app).get('/docs').expect(200)).text).toContain('<script src="/docs/swagger-ui-bundle.js">');
    await request(app).get('/docs/swagger-ui-bundle.js').expect(200).expect('content-type', /javascript/);
    await request(app).get('/docs/swagger-ui.css').expect(200).expect('content-type', /text\/css/);
    expect((await request(app).get('/docs/start.js').expect(200).expect('content-type', /javascript/)).text).toContain("url: '/openapi.json'");
    await request(app).get('/docs/index.html').expect(404); // the package's own page loads the Petstore
    await request(app).get('/docs/swagger-initializer.js').expect(404);
  });
});
