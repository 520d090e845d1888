import type { Router } from 'express';
import type { z } from 'zod';

/** A success answer of an operation. */
export interface OperationResponse {
  description: string;
  /** The JSON body (none: an empty one). */
  json?: z.ZodType;
  /** A body of another media type instead (the docs page's HTML). */
  text?: { type: string };
  /**
   * With `stream: true` in the body: server-sent events, each event's data valid against `events` — a schema with a
   * `.meta({ id })`, so the document can name it.
   */
  stream?: { events: z.ZodType; description: string };
}

/** One route as /openapi.json describes it, declared beside the route so that a new route documents itself. */
export interface Operation {
  method: 'get' | 'post' | 'delete' | 'head';
  /** The whole path, parameters in braces: `/v1/models/{id}`. */
  path: string;
  /** OpenAPI's `operationId`. */
  id: string;
  /** The group the docs page lists it under. */
  tag: string;
  summary: string;
  description?: string;
  /** What the route validates: path parameters, query and JSON body (with an example the docs page fills in). */
  params?: z.ZodObject;
  query?: z.ZodObject;
  body?: z.ZodType;
  example?: unknown;
  /** By status. Errors are the part's `errorSchema` and need not be listed. */
  responses: Readonly<Record<number, OperationResponse>>;
  /** Served without the API key (probes, the docs). */
  open?: boolean;
}

/** Routes as the document sees them: their operations, and the body every error under them takes. */
export interface Documented {
  operations: readonly Operation[];
  errorSchema: z.ZodType;
}

/** Routes served without the API key (probes, the docs), after the host check alone. */
export interface OpenRoutes extends Documented {
  routes: Router;
}
