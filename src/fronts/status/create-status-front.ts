import { Router } from 'express';
import type { Backend } from '../../core/backend.js';
import type { Front } from '../../http/front.js';
import type { Operation } from '../../http/operation.js';
import { authStatusSchema, type AuthStatusBody } from '../../wire/gateway-status.js';
import { clientErrors, clientErrorSchema } from '../client-errors.js';

const operations: Operation[] = [
  {
    method: 'get',
    path: '/v1/auth/status',
    id: 'getAuthStatus',
    tag: 'Gateway',
    summary: "Show the CLI's login",
    description: "Which credential the Claude Code CLI would use (never the secret), and the subscription's usage window as last reported.",
    responses: { 200: { description: 'The login.', json: authStatusSchema } },
  },
];

/** GET /v1/auth/status: the credential the backend would use and its quota (behind the API key). */
export function createStatusFront(backend: Backend): Front {
  const routes = Router();
  routes.get('/', async (_req, res) => {
    const auth = await backend.authStatus();
    const quota = backend.quota?.();
    res.json({
      logged_in: auth.loggedIn,
      method: auth.method,
      provider: auth.provider,
      source: auth.source ?? null,
      quota: quota
        ? {
            status: quota.status,
            window: quota.window ?? null,
            resets_at: quota.resetsAt === undefined ? null : new Date(quota.resetsAt * 1000).toISOString(),
            utilization: quota.utilization ?? null,
            overage_status: quota.overageStatus ?? null,
          }
        : null,
    } satisfies AuthStatusBody);
  });
  return { name: 'status', paths: ['/v1/auth/status'], routes, encodeError: clientErrors, errorSchema: clientErrorSchema, operations };
}
