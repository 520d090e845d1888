import { z } from 'zod';

/** GET /v1/usage: each API key's tokens, cost and requests, as the gateway reports them. */

export const usageQuerySchema = z.object({
  key_id: z
    .string()
    .regex(/^[\w-]{1,64}$/, 'a key id (16 hex digits, or "local")')
    .optional()
    .describe("One key's usage only. Any key may name its own; only an admin key (ADMIN_API_KEYS) another's."),
});

const totals = {
  requests: z.number().int().describe('Finished requests (a request with n choices counts once).'),
  input_tokens: z.number().int().describe('Prompt tokens, not counting cache reads or writes.'),
  output_tokens: z.number().int(),
  cache_read_tokens: z.number().int(),
  cache_creation_tokens: z.number().int(),
  cost_usd: z
    .number()
    .nullable()
    .describe("The known costs added up: the CLI's total_cost_usd, or the config file's price for a routed model. Null: none known."),
  unpriced_requests: z.number().int().describe('Requests whose cost is not known (a routed model without a price), so not in cost_usd.'),
};

export const usageTotalsSchema = z.object(totals).meta({ id: 'UsageTotals' });
export type UsageTotalsBody = z.infer<typeof usageTotalsSchema>;

const modelUsageSchema = z.object({ model: z.string().describe('`<provider>/<model>`: what answered.'), ...totals }).meta({ id: 'ModelUsage' });

const dayUsageSchema = z
  .object({ date: z.string().describe('The UTC day, YYYY-MM-DD.'), ...totals, by_model: z.array(modelUsageSchema) })
  .meta({ id: 'DayUsage' });

export const keyUsageSchema = z
  .object({
    key_id: z.string().describe('The key\'s non-secret id: the first 16 hex digits of its SHA-256; "local" without API keys.'),
    totals: usageTotalsSchema,
    by_model: z.array(modelUsageSchema),
    by_day: z.array(dayUsageSchema).describe('Oldest first; days without usage are left out.'),
  })
  .meta({ id: 'KeyUsage' });
export type KeyUsageBody = z.infer<typeof keyUsageSchema>;

export const usageReportSchema = z
  .object({
    object: z.literal('usage'),
    key_id: z.string().describe("The caller's key id."),
    admin: z.boolean().describe('Whether the caller is an admin key, which sees every key.'),
    retention_days: z.number().int().describe('How many days (today included) are kept and reported (USAGE_RETENTION_DAYS).'),
    data: z.array(keyUsageSchema).describe("The caller's own usage; for an admin, every key's with usage."),
  })
  .meta({ id: 'UsageReport' });
export type UsageReport = z.infer<typeof usageReportSchema>;
