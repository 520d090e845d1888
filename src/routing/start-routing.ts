import type { Logger } from 'pino';
import type { Backend } from '../core/backend.js';
import type { Embedder } from '../core/embedder.js';
import type { ModelCatalog } from '../core/model-catalog.js';
import { createModelRouter, type ModelRouter } from './create-model-router.js';
import { loadRoutingFile } from './load-routing-file.js';
import { emptyRoutingFile, type ProviderConfig, type RoutingFile } from './routing-file-schema.js';
import { watchRoutingFile } from './watch-routing-file.js';

/** A configured provider's backend, which a reload may retire. */
export interface ProviderBackend extends Backend {
  /** The provider's /embeddings (POST /v1/embeddings naming one of its models). */
  embedder?: Embedder;
  /** Settles once its requests in flight have finished and its connections are closed. */
  close(): Promise<void>;
}

export interface RoutingOptions {
  /** CONFIG_FILE; without one, the environment's models and aliases alone. */
  configFile: string | undefined;
  /** What `${VAR}` in the file reads. */
  env: Readonly<Record<string, string | undefined>>;
  cli: Backend;
  catalog: ModelCatalog;
  createProvider: (provider: ProviderConfig) => ProviderBackend;
  logger: Pick<Logger, 'info' | 'error'>;
  /**
   * How long a provider a reload removed or changed keeps serving what was routed to it before (a request may wait
   * for its images before it first calls the provider): the request timeout.
   */
  retireAfterMs: number;
}

export interface Routing {
  /** Always the current config's router; a request keeps the route it was given when it started. */
  router: ModelRouter;
  /** Reads the file again (the watcher calls it); a bad file is logged and the last good config stays. */
  reload(): Promise<void>;
  close(): Promise<void>;
}

/**
 * Loads the config file (a bad one stops start-up: the error names the file and the field), routes by it, and
 * follows its changes: each new version is validated first and replaces the config only when good. Requests in
 * flight finish on the providers they started with; one a reload retired closes once `retireAfterMs` has passed.
 */
export async function startRouting(options: RoutingOptions): Promise<Routing> {
  /** Providers by their whole config: a reload keeps those it did not change, warm connections and all. */
  type Built = { router: ModelRouter; byConfig: Map<string, ProviderBackend> };
  const build = (file: RoutingFile, previous: Built | undefined): Built => {
    const byConfig = new Map(
      file.providers.map((provider) => {
        const key = JSON.stringify(provider);
        return [key, previous?.byConfig.get(key) ?? options.createProvider(provider)] as const;
      }),
    );
    const providers = new Map(file.providers.map((provider) => [provider.name, byConfig.get(JSON.stringify(provider))!]));
    return { router: createModelRouter({ file, cli: options.cli, catalog: options.catalog, providers }), byConfig };
  };
  const load = () => (options.configFile ? loadRoutingFile(options.configFile, options.env) : Promise.resolve(emptyRoutingFile));
  let current = build(await load(), undefined);
  const retiring = new Set<Promise<void>>();

  const reloadOnce = async () => {
    try {
      const next = build(await load(), current);
      const kept = new Set(next.byConfig.values());
      const retired = [...current.byConfig.values()].filter((provider) => !kept.has(provider));
      current = next;
      options.logger.info({ configFile: options.configFile, providers: [...next.router.providers.keys()] }, 'config file reloaded');
      for (const provider of retired) {
        const done = new Promise<void>((resolve) => setTimeout(resolve, options.retireAfterMs).unref()).then(() => provider.close());
        retiring.add(done);
        void done.finally(() => retiring.delete(done));
      }
    } catch (error) {
      options.logger.error({ err: error instanceof Error ? error.message : String(error) }, 'config file not reloaded: the last good config stays');
    }
  };
  // One at a time, in order: a slow read of an older version never wins over a newer one.
  let reloading = Promise.resolve();
  const reload = () => (reloading = reloading.then(reloadOnce));
  const watcher = options.configFile ? watchRoutingFile(options.configFile, () => void reload(), options.logger) : undefined;

  const router: ModelRouter = {
    select: (request) => current.router.select(request),
    check: (model) => current.router.check(model),
    get defaultModel() {
      return current.router.defaultModel;
    },
    list: () => current.router.list(),
    find: (id) => current.router.find(id),
    embedding: (name) => current.router.embedding(name),
    get providers() {
      return current.router.providers;
    },
  };
  return {
    router,
    reload,
    close: async () => {
      watcher?.close();
      await reloading;
      await Promise.all([...current.byConfig.values()].map((provider) => provider.close()));
    },
  };
}
