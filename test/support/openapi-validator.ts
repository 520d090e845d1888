import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import formats from 'ajv-formats';
import { eventDataSchemaKey } from '../../src/openapi/describe-streams.js';

// CommonJS: its module object, which is the plugin, also holds it as `default` (the one TypeScript types).
const addFormats = formats.default;

export interface OpenApiDocument {
  paths: Record<string, Record<string, { responses: Record<string, { content?: Record<string, unknown> }>; requestBody?: unknown; security?: unknown[] }>>;
  components: { schemas: Record<string, unknown> };
}

/** `METHOD /path` for every operation of the document. */
export const operationsOf = (document: OpenApiDocument) =>
  Object.entries(document.paths).flatMap(([path, item]) => Object.keys(item).map((method) => `${method.toUpperCase()} ${path}`)).sort();

/**
 * Checks bodies against the document's own schemas (ajv, JSON Schema 2020-12 as OpenAPI 3.1 uses it), each reached
 * by a JSON pointer into the document so its `$ref`s resolve. Each check returns ajv's errors, or [] when valid.
 */
export function createDocumentValidator(document: OpenApiDocument) {
  // Not strict: the document around the schemas (paths, responses) is no schema, and its keywords are OpenAPI's.
  const ajv = new Ajv2020({ strict: false, allErrors: true });
  addFormats(ajv);
  ajv.addSchema(document, 'openapi.json');
  const compiled = new Map<string, ValidateFunction>();
  const check = (pointer: string[], value: unknown) => {
    const ref = `openapi.json#/${pointer.map((token) => encodeURIComponent(token.replace(/~/g, '~0').replace(/\//g, '~1'))).join('/')}`;
    let validate = compiled.get(ref);
    if (!validate) compiled.set(ref, (validate = ajv.compile({ $ref: ref })));
    return validate(value) ? [] : (validate.errors ?? []);
  };
  const operation = (method: string, path: string) => {
    const found = document.paths[path]?.[method.toLowerCase()];
    if (!found) throw new Error(`The document has no ${method} ${path}`);
    return found;
  };
  /** The documented status for `status`: itself, or its range (`4XX`). */
  const statusKey = (method: string, path: string, status: number) => {
    const { responses } = operation(method, path);
    const key = [String(status), `${String(status)[0]}XX`].find((candidate) => candidate in responses);
    if (!key) throw new Error(`${method} ${path} documents no ${status}`);
    return key;
  };
  return {
    requestBody: (method: string, path: string, body: unknown) => {
      if (!operation(method, path).requestBody) throw new Error(`${method} ${path} documents no request body`);
      return check(['paths', path, method.toLowerCase(), 'requestBody', 'content', 'application/json', 'schema'], body);
    },
    response: (method: string, path: string, status: number, mediaType: string, body: unknown) => {
      const key = statusKey(method, path, status);
      if (!operation(method, path).responses[key]!.content?.[mediaType]) throw new Error(`${method} ${path} ${key} documents no ${mediaType} body`);
      return check(['paths', path, method.toLowerCase(), 'responses', key, 'content', mediaType, 'schema'], body);
    },
    /** One event's data, against the stream's documented event schema. */
    event: (method: string, path: string, data: unknown) =>
      check(['paths', path, method.toLowerCase(), 'responses', statusKey(method, path, 200), 'content', 'text/event-stream', eventDataSchemaKey], data),
    /** The documented status keys of an operation. */
    statuses: (method: string, path: string) => Object.keys(operation(method, path).responses),
    ajv,
  };
}
