import { readFileSync } from 'node:fs';
import { createDocument, type ZodOpenApiPathsObject } from 'zod-openapi';
import type { Documented } from '../http/operation.js';
import { describeStreams } from './describe-streams.js';
import { encodeOperation } from './encode-operation.js';

const description = `Claude (and any configured model) through the OpenAI and Anthropic APIs, answered by the Claude Code CLI.

With API_KEYS set, every /v1 route needs one of them, as \`Authorization: Bearer <key>\` or \`x-api-key: <key>\`
(Authorize, on the docs page). Without API_KEYS the gateway needs no key and answers only requests addressed to
localhost, a loopback address or ALLOWED_HOSTS.`;

/**
 * The OpenAPI 3.1 document of everything the parts declare, generated from the zod schemas their routes validate
 * with (request bodies, queries, parameters) and answer in. zod-openapi renders them through zod 4's own JSON Schema
 * conversion; schemas with a `.meta({ id })` become components.
 */
export function createOpenApiDocument(parts: readonly Documented[]) {
  const paths: ZodOpenApiPathsObject = {};
  for (const { operations, errorSchema } of parts) {
    for (const op of operations) {
      const item = (paths[op.path] ??= {});
      if (item[op.method]) throw new Error(`Two operations declare ${op.method.toUpperCase()} ${op.path}.`);
      item[op.method] = encodeOperation(op, errorSchema);
    }
  }
  const document = createDocument({
    openapi: '3.1.0',
    info: { title: 'claude-code-gateway', version: packageVersion(), description, license: { name: 'MIT', identifier: 'MIT' } },
    paths,
    components: {
      securitySchemes: {
        bearer: { type: 'http', scheme: 'bearer', description: 'One of API_KEYS, as `Authorization: Bearer <key>` (the OpenAI SDKs send it so).' },
        apiKey: { type: 'apiKey', in: 'header', name: 'x-api-key', description: 'One of API_KEYS, as `x-api-key` (the Anthropic SDKs send it so).' },
      },
    },
    security: [{ bearer: [] }, { apiKey: [] }],
  });
  return describeStreams(document);
}

/** The gateway's version: package.json is two levels up from both src/openapi and dist/openapi. */
const packageVersion = (): string => (JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string }).version;
