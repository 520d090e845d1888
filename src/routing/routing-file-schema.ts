import { z } from 'zod';

/** The built-in provider: the Claude Code CLI. */
export const cliProvider = 'claude-cli';

const providerName = z
  .string()
  .regex(/^[A-Za-z0-9][A-Za-z0-9_.-]*$/, 'letters, digits, "_", "." and "-"')
  .refine((name) => name !== cliProvider, `'${cliProvider}' is the built-in provider`);

/** "<provider>/<upstream model>": the first "/" splits, so the model may hold more (`openrouter/meta-llama/…`). */
const target = z.string().regex(/^[^/\s]+\/\S+$/, 'a target is "<provider>/<model>"');

/** USD per million tokens; cache reads and writes cost what input does unless priced themselves. */
const priceSchema = z.strictObject({
  input: z.number().min(0),
  output: z.number().min(0),
  cache_read: z.number().min(0).optional(),
  cache_creation: z.number().min(0).optional(),
});

const overrideSchema = z.strictObject({
  max_tokens: z.number().int().positive().optional(),
  temperature: z.number().min(0).max(2).optional(),
  top_p: z.number().min(0).max(1).optional(),
  seed: z.number().int().optional(),
  reasoning_effort: z.enum(['low', 'medium', 'high', 'xhigh', 'max']).optional(),
});

export const routingFileSchema = z
  .strictObject({
    providers: z
      .array(
        z.strictObject({
          name: providerName,
          type: z.literal('openai'),
          base_url: z.url({ protocol: /^https?$/, error: 'an http(s) URL' }),
          api_key: z.string().min(1).optional(),
          /** Listed by GET /v1/models. */
          models: z.array(z.string().min(1)).default([]),
          /** Upstream model → its price, for the cost in GET /v1/usage and the metrics; unpriced: cost unknown. */
          prices: z.record(z.string().min(1), priceSchema).default({}),
        }),
      )
      .default([]),
    /** Client model name → target. */
    models: z.record(z.string().min(1), target).default({}),
    router: z
      .strictObject({
        default: target.optional(),
        background: target.optional(),
        think: target.optional(),
        long_context: target.optional(),
        long_context_threshold: z.number().int().positive().default(60_000),
        web_search: target.optional(),
        image: target.optional(),
      })
      .optional(),
    /** Per target, or "*" for all: parameters forced onto every request routed there. */
    overrides: z.record(z.string().min(1), overrideSchema).default({}),
  })
  .superRefine((file, ctx) => {
    const names = new Set([cliProvider]);
    file.providers.forEach((provider, i) => {
      if (names.has(provider.name)) ctx.addIssue({ code: 'custom', path: ['providers', i, 'name'], message: `'${provider.name}' is named twice` });
      names.add(provider.name);
    });
    const check = (value: string | undefined, path: Array<string | number>) => {
      const provider = value?.split('/')[0];
      if (provider !== undefined && !names.has(provider)) ctx.addIssue({ code: 'custom', path, message: `no provider named '${provider}'` });
    };
    for (const [name, value] of Object.entries(file.models)) check(value, ['models', name]);
    for (const [key, value] of Object.entries(file.router ?? {})) if (typeof value === 'string') check(value, ['router', key]);
    for (const key of Object.keys(file.overrides)) if (key !== '*') check(key, ['overrides', key]);
  });

export type RoutingFile = z.infer<typeof routingFileSchema>;
export type ProviderConfig = RoutingFile['providers'][number];
export type Overrides = RoutingFile['overrides'][string];
export type Price = z.infer<typeof priceSchema>;

/** What an environment-only setup routes by: no providers, the CLI's default model and aliases. */
export const emptyRoutingFile: RoutingFile = { providers: [], models: {}, router: undefined, overrides: {} };
