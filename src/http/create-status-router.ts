import { Router } from 'express';
import type { Backend } from '../core/backend.js';

/** GET /health (open, for probes) and GET /v1/auth/status (behind the API key). */
export function createStatusRouter(backend: Backend, cliSource: string): { health: Router; authStatus: Router } {
  const health = Router();
  health.get('/health', async (_req, res) => {
    const cli = await backend.status();
    res.status(cli.available ? 200 : 503).json({
      status: cli.available ? 'ok' : 'unavailable',
      cli: { available: cli.available, version: cli.version ?? null, source: cliSource, problem: cli.problem ?? null },
    });
  });
  const authStatus = Router();
  authStatus.get('/v1/auth/status', async (_req, res) => {
    const auth = await backend.authStatus();
    res.json({ logged_in: auth.loggedIn, method: auth.method, provider: auth.provider, source: auth.source ?? null });
  });
  return { health, authStatus };
}
