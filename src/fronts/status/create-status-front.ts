import { Router } from 'express';
import type { Backend } from '../../core/backend.js';
import type { Front } from '../../http/front.js';
import { clientErrors } from '../client-errors.js';

/** GET /v1/auth/status: the credential the backend would use (behind the API key). */
export function createStatusFront(backend: Backend): Front {
  const routes = Router();
  routes.get('/', async (_req, res) => {
    const auth = await backend.authStatus();
    res.json({ logged_in: auth.loggedIn, method: auth.method, provider: auth.provider, source: auth.source ?? null });
  });
  return { name: 'status', paths: ['/v1/auth/status'], routes, encodeError: clientErrors };
}
