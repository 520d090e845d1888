import { Router } from 'express';
import { GatewayError } from '../../core/errors.js';
import type { Front } from '../../http/front.js';
import type { Operation } from '../../http/operation.js';
import { ownerOf } from '../../http/owner.js';
import type { UsageLedger } from '../../usage/create-usage-ledger.js';
import { parseClientBody } from '../../wire/parse-client-body.js';
import { openAiErrorSchema } from '../../wire/openai-chat.js';
import { usageQuerySchema, usageReportSchema, type UsageReport } from '../../wire/usage.js';
import { openAiErrors } from '../openai-error.js';
import { encodeKeyUsage } from './encode-key-usage.js';

const operations: Operation[] = [
  {
    method: 'get',
    path: '/v1/usage',
    id: 'getUsage',
    tag: 'Gateway',
    summary: 'Show token and cost usage',
    description:
      "The caller's tokens, cost and requests, in total, by model and by UTC day. An admin key (ADMIN_API_KEYS) sees every key's; keys are shown by their id, never the key.",
    query: usageQuerySchema,
    responses: { 200: { description: 'The usage.', json: usageReportSchema } },
  },
];

/**
 * GET /v1/usage: what the caller's key has used (`key_id` narrows an admin's view to one key; another key's id is
 * not found for anyone else, as if it had no usage to show).
 */
export function createUsageFront({ usage, adminKeyIds }: { usage: UsageLedger; adminKeyIds: ReadonlySet<string> }): Front {
  const routes = Router();
  routes.get('/', async (req, res) => {
    const { key_id: asked } = parseClientBody(usageQuerySchema, req.query);
    const caller = ownerOf(res);
    const admin = adminKeyIds.has(caller);
    if (asked !== undefined && asked !== caller && !admin) {
      throw new GatewayError('not_found', `No usage for key ${asked} visible to this API key.`, { param: 'key_id' });
    }
    const keys = asked !== undefined ? [asked] : admin ? await usage.owners() : [caller];
    const data = await Promise.all(keys.map(async (key) => encodeKeyUsage(key, await usage.read(key))));
    res.json({ object: 'usage', key_id: caller, admin, retention_days: usage.retentionDays, data } satisfies UsageReport);
  });
  return { name: 'usage', paths: ['/v1/usage'], routes, encodeError: openAiErrors, errorSchema: openAiErrorSchema, operations };
}
