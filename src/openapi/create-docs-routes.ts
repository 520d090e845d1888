import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { Router, type RequestHandler } from 'express';
import helmet from 'helmet';
import { z } from 'zod';
import { clientErrorSchema } from '../fronts/client-errors.js';
import type { Documented, Operation, OpenRoutes } from '../http/operation.js';
import { createOpenApiDocument } from './create-openapi-document.js';
import { docsPage } from './docs-page.js';

const documentSchema = z.looseObject({ openapi: z.string(), info: z.looseObject({ title: z.string(), version: z.string() }), paths: z.record(z.string(), z.unknown()) }).meta({ id: 'OpenApiDocument' });

const docs = { tag: 'Gateway', open: true } as const;
const operations: Operation[] = [
  { ...docs, method: 'get', path: '/openapi.json', id: 'getOpenApiDocument', summary: 'This document', responses: { 200: { description: 'The OpenAPI 3.1 document.', json: documentSchema } } },
  { ...docs, method: 'get', path: '/docs', id: 'getDocsPage', summary: 'The interactive docs page', responses: { 200: { description: 'Swagger UI, reading this document.', text: { type: 'text/html' } } } },
];

/**
 * The docs page's policy, for its paths only (the API keeps helmet's strict default). Everything it loads is this
 * gateway's own, so every source is 'self' — except styles, where Swagger UI's React components set `style`
 * attributes, and images, its icons being data: URLs. There is no `upgrade-insecure-requests`: the gateway serves
 * plain HTTP, and on a host name other than a loopback one the browser would fetch the page's scripts and its
 * "Try it out" requests over HTTPS, which nothing answers.
 */
const docsPolicy = helmet.contentSecurityPolicy({
  useDefaults: false,
  directives: {
    defaultSrc: ["'self'"],
    scriptSrc: ["'self'"],
    scriptSrcAttr: ["'none'"],
    styleSrc: ["'self'", "'unsafe-inline'"],
    imgSrc: ["'self'", 'data:'],
    fontSrc: ["'self'", 'data:'],
    connectSrc: ["'self'"],
    objectSrc: ["'none'"],
    baseUri: ["'self'"],
    formAction: ["'self'"],
    frameAncestors: ["'self'"],
  },
});

/** The page's files: Swagger UI's from its package (only these: its index.html would load the Petstore), and ours. */
function serveAssets(): RequestHandler {
  const dist = dirname(createRequire(import.meta.url).resolve('swagger-ui-dist/package.json'));
  const files = new Map(['swagger-ui.css', 'swagger-ui-bundle.js', 'favicon-32x32.png'].map((name) => [`/${name}`, join(dist, name)]));
  return (req, res, next) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') return next();
    if (req.path === '/start.js') return void res.type('js').send(docsPage.script);
    const file = files.get(req.path);
    if (file === undefined) return next();
    res.sendFile(file, { maxAge: '1h' }, (error) => error && next(error));
  };
}

/**
 * GET /openapi.json, built from the parts' operations and these, on first use (a test app that never asks for it
 * never pays for it), and GET /docs with its files. Both are open: they hold no secret, and the page asks for the
 * key itself; the host check still applies.
 */
export function createDocsRoutes(parts: readonly Documented[]): OpenRoutes {
  let document: ReturnType<typeof createOpenApiDocument> | undefined;
  const routes = Router();
  routes.get('/openapi.json', (_req, res) => void res.json((document ??= createOpenApiDocument([...parts, { operations, errorSchema: clientErrorSchema }]))));
  routes.use('/docs', docsPolicy);
  routes.get('/docs', (_req, res) => void res.type('html').send(docsPage.html));
  routes.use('/docs', serveAssets());
  return { routes, operations, errorSchema: clientErrorSchema };
}
