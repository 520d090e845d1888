import type { Backend } from '../core/backend.js';
import type { Embedder } from '../core/embedder.js';
import { GatewayError } from '../core/errors.js';
import type { ModelCatalog, ModelInfo } from '../core/model-catalog.js';
import type { ModelRequest } from '../core/model-request.js';
import { classifyRequest, type RequestClass } from './classify-request.js';
import { cliProvider, type Overrides, type RoutingFile } from './routing-file-schema.js';

/** Where a request goes: the backend, the request as that backend should see it, and what to call the route. */
export interface Routed {
  backend: Backend;
  request: ModelRequest;
  /** `<provider>/<upstream model>`, for `x-gateway-route` and the log. */
  route: string;
  /** The router class that chose it, if one did. */
  class: RequestClass | 'default' | undefined;
}

export interface ModelRouter {
  /** Routes a decoded request, whose `model` is the name the client asked for; throws model_not_found. */
  select(request: ModelRequest): Routed;
  /** Throws model_not_found for a name nothing serves (count_tokens checks the name alone). */
  check(model: string): void;
  /** The name a request that names no model is routed by. */
  readonly defaultModel: string;
  list(): ModelInfo[];
  find(id: string): ModelInfo | undefined;
  /** The configured providers' backends, by name (their reachability is on /health). */
  readonly providers: ReadonlyMap<string, Backend>;
  /** A provider's embedding model a name routes to (`<provider>/<model>` or a `models` entry); undefined: none. */
  embedding(name: string): { embedder: Embedder; model: string; route: string } | undefined;
}

export interface ModelRouterDeps {
  file: RoutingFile;
  /** The built-in provider. */
  cli: Backend;
  /** The CLI's models, DEFAULT_MODEL and MODEL_ALIASES: the environment's simple form of `models` and `router`. */
  catalog: ModelCatalog;
  /** A provider's backend, and its embeddings endpoint. */
  providers: ReadonlyMap<string, Backend & { embedder?: Embedder }>;
}

const created = Date.parse('2026-01-01T00:00:00Z') / 1000;

/**
 * One place that decides which backend and upstream model answer a request. In order: the file's `models` map; a
 * `<provider>/<model>` name; the environment's MODEL_ALIASES; then, for Claude model names (what Claude Code sends)
 * when the file has a `router`, its classes (long_context, background, web_search, think, image) and its default;
 * and last the CLI itself for any Claude name. Overrides for "*" and then for the target are applied on top.
 */
export function createModelRouter({ file, cli, catalog, providers }: ModelRouterDeps): ModelRouter {
  const models = new Map(Object.entries(file.models));
  /** What `<provider>/<model>` may name: a provider's listed models and the file's own targets, nothing else. */
  const served = new Set([
    ...file.providers.flatMap((provider) => provider.models.map((model) => `${provider.name}/${model}`)),
    ...models.values(),
    ...Object.values(file.router ?? {}).filter((value): value is string => typeof value === 'string'),
  ]);
  const overrides = new Map(Object.entries(file.overrides));
  const backendOf = (provider: string) => (provider === cliProvider ? cli : providers.get(provider));

  const split = (target: string) => {
    const at = target.indexOf('/');
    return { provider: target.slice(0, at), model: target.slice(at + 1) };
  };

  /** The target for a name, without router classes; undefined if only a router (or nothing) serves it. */
  const direct = (name: string): string | undefined => {
    const mapped = models.get(name);
    if (mapped) return mapped;
    if (!name.includes('/')) return undefined;
    const { provider, model } = split(name);
    // The CLI takes Claude names; a provider, what the file lists for it (a client may not spend its key on others).
    return (provider === cliProvider ? claudeName(model) !== undefined : served.has(name)) ? name : undefined;
  };
  const claudeName = (name: string): string | undefined => {
    try {
      return catalog.resolve(name);
    } catch {
      return undefined;
    }
  };

  const targetOf = (request: ModelRequest): { target: string; class: Routed['class'] } => {
    const name = request.model;
    const mapped = direct(name);
    if (mapped) return { target: mapped, class: undefined };
    const claude = claudeName(name);
    if (claude === undefined) {
      throw new GatewayError('model_not_found', `The model '${name}' does not exist. GET /v1/models lists the models and aliases this gateway serves.`, {
        param: 'model',
      });
    }
    const router = file.router;
    // A MODEL_ALIASES name is the environment's form of the `models` map: it routes as it says, before any class.
    if (router && claude === name) {
      for (const kind of classifyRequest(request, router.long_context_threshold)) {
        const chosen = router[kind];
        if (chosen) return { target: chosen, class: kind };
      }
      if (router.default) return { target: router.default, class: 'default' };
    }
    return { target: `${cliProvider}/${claude}`, class: undefined };
  };

  const apply = (request: ModelRequest, forced: Overrides | undefined): ModelRequest =>
    forced
      ? {
          ...request,
          maxOutputTokens: forced.max_tokens ?? request.maxOutputTokens,
          reasoningEffort: forced.reasoning_effort ?? request.reasoningEffort,
          sampling: {
            ...request.sampling,
            temperature: forced.temperature ?? request.sampling.temperature,
            topP: forced.top_p ?? request.sampling.topP,
            seed: forced.seed ?? request.sampling.seed,
          },
        }
      : request;

  const configured: ModelInfo[] = [
    ...[...models].map(([id, target]) => ({ id, displayName: `${id} (${target})`, created, target })),
    ...file.providers.flatMap((provider) => provider.models.map((model) => ({ id: `${provider.name}/${model}`, displayName: `${model} (${provider.name})`, created, target: undefined }))),
  ];

  return {
    select(request) {
      const { target, class: kind } = targetOf(request);
      const { provider, model: named } = split(target);
      const backend = backendOf(provider)!; // the schema checked every target's provider
      // The CLI gets a Claude model, an alias (claude-cli/gpt-4o) resolved.
      const model = provider === cliProvider ? (claudeName(named) ?? named) : named;
      const routed = apply(apply({ ...request, model }, overrides.get('*')), overrides.get(target));
      return { backend, request: routed, route: target, class: kind };
    },
    check(model) {
      if (direct(model) === undefined) catalog.resolve(model);
    },
    defaultModel: catalog.resolve(undefined),
    list: () => [...configured, ...catalog.list().filter((info) => !models.has(info.id))],
    find: (id) => configured.find((info) => info.id === id) ?? catalog.find(id),
    providers,
    embedding(name) {
      const target = direct(name);
      if (target === undefined) return undefined;
      const { provider, model } = split(target);
      const embedder = provider === cliProvider ? undefined : providers.get(provider)?.embedder;
      return embedder ? { embedder, model, route: target } : undefined;
    },
  };
}
