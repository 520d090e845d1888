import type { RequestHandler } from 'express';
import type { Backend } from '../core/backend.js';

/** GET /health: open, for probes. */
export function createHealthRoute(backend: Backend, cliSource: string): RequestHandler {
  return async (_req, res) => {
    const cli = await backend.status();
    res.status(cli.available ? 200 : 503).json({
      status: cli.available ? 'ok' : 'unavailable',
      cli: { available: cli.available, version: cli.version ?? null, source: cliSource, problem: cli.problem ?? null },
    });
  };
}
