import { z } from 'zod';

/** The gateway's own status answers: GET /health and GET /v1/auth/status. */

export const healthSchema = z
  .object({
    status: z
      .enum(['ok', 'degraded', 'unavailable'])
      .describe('`degraded`: the store (Redis) is unreachable, so sessions and stored responses fail while everything else serves; `unavailable`: the CLI cannot run (the status is then 503).'),
    cli: z.object({ available: z.boolean(), version: z.string().nullable(), source: z.string(), problem: z.string().nullable() }),
    store: z.object({ kind: z.enum(['memory', 'redis']), available: z.boolean(), problem: z.string().nullable() }),
    providers: z
      .record(z.string(), z.object({ reachable: z.boolean(), problem: z.string().nullable() }))
      .optional()
      .describe("Each configured provider's reachability, from a cached probe (only with a config file naming providers)."),
  })
  .meta({ id: 'Health' });
export type Health = z.infer<typeof healthSchema>;

export const authStatusSchema = z
  .object({
    logged_in: z.boolean(),
    method: z.string().describe('How the CLI authenticates (api_key, oauth_token, claude.ai, …): never the secret itself.'),
    provider: z.string(),
    source: z.string().nullable().describe('Where the credential comes from, e.g. ANTHROPIC_API_KEY.'),
    quota: z
      .object({
        status: z.string().describe('`allowed`, `allowed_warning` (nearing the limit) or `rejected` (used up: requests get a 429 until `resets_at`).'),
        window: z.string().nullable().describe('The window that decides: `five_hour`, `seven_day`, …'),
        resets_at: z.string().nullable().describe('When it resets (ISO 8601).'),
        utilization: z.number().nullable().describe('The share used, 0–1, once past a warning threshold.'),
        overage_status: z.string().nullable().describe('Extra usage beyond the subscription: `allowed` lets requests go on.'),
      })
      .nullable()
      .describe("The subscription's usage window as the CLI last reported it (subscription logins only); null when not known."),
  })
  .meta({ id: 'AuthStatus' });
export type AuthStatusBody = z.infer<typeof authStatusSchema>;
