import type { RequestHandler } from 'express';
import type { Registry } from 'prom-client';

/** GET /metrics: the registry in Prometheus's text format, read at scrape time. */
export function createMetricsRoute(registry: Registry): RequestHandler {
  return async (_req, res) => {
    res.type(registry.contentType).send(await registry.metrics());
  };
}
