import { z } from 'zod';
import type { ZodOpenApiMediaTypeObject, ZodOpenApiOperationObject, ZodOpenApiResponseObject } from 'zod-openapi';
import type { Operation, OperationResponse } from '../http/operation.js';
import { streamDescriptionKey } from './describe-streams.js';

/**
 * One operation as zod-openapi takes it. Every operation answers errors in its part's `errorSchema` (4XX and 5XX
 * alike). A streamed answer's text/event-stream entry holds the schema of its events' data for now, so that it is
 * rendered as a response (describe-streams.ts then moves it aside).
 */
export function encodeOperation(op: Operation, errorSchema: z.ZodType): ZodOpenApiOperationObject {
  const error: ZodOpenApiResponseObject = {
    description: z.globalRegistry.get(errorSchema)?.description ?? 'An error.',
    content: { 'application/json': { schema: errorSchema } },
  };
  const responses = Object.fromEntries(Object.entries(op.responses).map(([status, response]) => [status, encodeResponse(response)]));
  return {
    operationId: op.id,
    tags: [op.tag],
    summary: op.summary,
    ...(op.description ? { description: op.description } : {}),
    ...(op.params || op.query ? { requestParams: { ...(op.params ? { path: op.params } : {}), ...(op.query ? { query: op.query } : {}) } } : {}),
    ...(op.body
      ? { requestBody: { required: true, content: { 'application/json': { schema: op.body, ...(op.example === undefined ? {} : { example: op.example }) } } } }
      : {}),
    responses: { ...responses, '4XX': error, '5XX': error },
    ...(op.open ? { security: [] } : {}),
  };
}

function encodeResponse(response: OperationResponse): ZodOpenApiResponseObject {
  const content: Record<string, ZodOpenApiMediaTypeObject> = {};
  if (response.json) content['application/json'] = { schema: response.json };
  if (response.text) content[response.text.type] = { schema: z.string() };
  if (response.stream) content['text/event-stream'] = { schema: response.stream.events, [streamDescriptionKey]: response.stream.description };
  return { description: response.description, ...(Object.keys(content).length > 0 ? { content } : {}) };
}
