import { Router, type RequestHandler } from 'express';
import type { Registry } from 'prom-client';
import { clientErrorSchema } from '../fronts/client-errors.js';
import type { OpenRoutes } from './operation.js';

/**
 * GET /metrics: the registry in Prometheus's text format, read at scrape time, behind `guards` (the key check, unless
 * METRICS_PUBLIC). `open` says which, for the document.
 */
export function createMetricsRoutes(registry: Registry, guards: readonly RequestHandler[]): OpenRoutes {
  const routes = Router();
  routes.get('/metrics', ...guards, async (_req, res) => {
    res.type(registry.contentType).send(await registry.metrics());
  });
  return {
    routes,
    errorSchema: clientErrorSchema,
    operations: [
      {
        method: 'get',
        path: '/metrics',
        id: 'getMetrics',
        tag: 'Gateway',
        summary: "The gateway's Prometheus metrics",
        description: 'Requests, durations, time to first content, tokens, cost, upstream errors, queues, CLI processes and process metrics.',
        responses: { 200: { description: "Prometheus's text exposition format, version 0.0.4.", text: { type: 'text/plain' } } },
        open: guards.length === 0,
      },
    ],
  };
}
