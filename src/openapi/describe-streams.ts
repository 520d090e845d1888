import type { oas31 } from 'zod-openapi';

/** Where encode-operation leaves a stream's description, for the pass below. */
export const streamDescriptionKey = 'x-stream-description';
/**
 * The media-type extension holding the schema of each event's data in a text/event-stream answer: OpenAPI 3.1 can
 * only call such a body a string (3.2's `itemSchema` is what this stands in for).
 */
export const eventDataSchemaKey = 'x-event-data-schema';

/**
 * Each text/event-stream answer, as generated with its events' data schema as its schema (so zod-openapi renders it
 * as a response, sharing components with the JSON answers), becomes a string body described in words, the data
 * schema moved to the extension.
 */
export function describeStreams(document: oas31.OpenAPIObject): oas31.OpenAPIObject {
  for (const item of Object.values(document.paths ?? {})) {
    for (const operation of Object.values(item) as oas31.OperationObject[]) {
      for (const response of Object.values(operation.responses ?? {}) as oas31.ResponseObject[]) {
        const stream = response.content?.['text/event-stream'] as (oas31.MediaTypeObject & Record<string, unknown>) | undefined;
        if (!stream) continue;
        const { schema, [streamDescriptionKey]: description, ...rest } = stream;
        const ref = schema && '$ref' in schema ? schema.$ref : undefined;
        const named = ref ? ` Each event's data is JSON: a ${ref.split('/').at(-1)}.` : " Each event's data is JSON.";
        response.content!['text/event-stream'] = { ...rest, schema: { type: 'string', description: `${String(description)}${named}` }, [eventDataSchemaKey]: schema };
      }
    }
  }
  return document;
}
