import { Router } from 'express';
import type { Front } from '../../http/front.js';
import type { Operation } from '../../http/operation.js';
import { securityViewSchema, toolsViewSchema, type SecurityView, type ToolsView } from '../../wire/gateway-views.js';
import { clientErrors, clientErrorSchema } from '../client-errors.js';

const operations: Operation[] = [
  {
    method: 'get',
    path: '/v1/tools',
    id: 'getTools',
    tag: 'Gateway',
    summary: 'List the tools the model may use',
    description: "The CLI's built-in tools and the operator's MCP servers, what each does, and which the tool policy offers the model.",
    responses: { 200: { description: 'The tools and the policy.', json: toolsViewSchema } },
  },
  {
    method: 'get',
    path: '/v1/security',
    id: 'getSecurity',
    tag: 'Gateway',
    summary: 'Show the security configuration',
    description: 'Bind address, whether keys are required, tool policy, image-fetch rules, sandbox directory, CORS and limits: never a secret.',
    responses: { 200: { description: 'The effective configuration.', json: securityViewSchema } },
  },
];

/** GET /v1/tools and GET /v1/security (behind the API key): fixed at start-up, so each answer is the same body. */
export function createViewsFront(views: { tools: ToolsView; security: SecurityView }): Front {
  const routes = Router();
  routes.get('/', (req, res) => {
    res.json(req.baseUrl.toLowerCase() === '/v1/tools' ? views.tools : views.security);
  });
  return { name: 'views', paths: ['/v1/tools', '/v1/security'], routes, encodeError: clientErrors, errorSchema: clientErrorSchema, operations };
}
