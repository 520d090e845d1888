import type { Request, RequestHandler } from 'express';
import type { GatewayMetrics } from '../metrics/create-metrics.js';

/** The route pattern that answered (`/v1/responses/:id`), never the path a client chose; `unmatched` for none. */
const routeOf = (req: Request, mount: string): string => {
  const pattern: unknown = req.route?.path;
  return typeof pattern === 'string' ? `${mount}${pattern === '/' ? '' : pattern}` || '/' : 'unmatched';
};

/**
 * Counts each request and times it when its response ends (a stream: at its last byte), by the front that owns its
 * path (`gateway` for the app's own routes), route pattern, status and model label. A stream that fails after its
 * 200 counts as 200 here; its error is in `gateway_upstream_errors_total`.
 */
export function measureRequests(metrics: Pick<GatewayMetrics, 'requests' | 'requestDuration'>, modelLabel: (name: string | undefined) => string): RequestHandler {
  return (req, res, next) => {
    const started = process.hrtime.bigint();
    res.once('close', () => {
      const labels = { front: res.locals.front ?? 'gateway', route: routeOf(req, res.locals.mount ?? ''), model: modelLabel(res.locals.model) };
      // Closed before any answer: the client left (nginx's 499), whatever the status would have been.
      const status = res.headersSent ? String(res.statusCode) : '499';
      metrics.requests.inc({ ...labels, status });
      metrics.requestDuration.observe(labels, Number(process.hrtime.bigint() - started) / 1e9);
    });
    next();
  };
}
