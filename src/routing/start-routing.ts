import type { Logger } from 'pino';
import type { Backend } from '../core/backend.js';
import type { ModelCatalog } from '../core/model-catalog.js';
import { createModelRouter, type ModelRouter } from './create-model-router.js';
import { loadRoutingFile } from './load-routing-file.js';
import { emptyRoutingFile, type ProviderConfig, type RoutingFile } from './routing-file-schema.js';
import { watchRoutingFile } from './watch-routing-file.js';

/** A configured provider's backend, which a reload may retire. */
export interface ProviderBackend extends Backend {
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
 * flight finish on the providers they started with; a retired provider's connections close after them.
 */
export async function startRouting(options: RoutingOptions): Promise<Routing> {
  const build = (file: RoutingFile) => {
    const providers = new Map(file.providers.map((provider) => [provider.name, options.createProvider(provider)]));
    return { router: createModelRouter({ file, cli: options.cli, catalog: options.catalog, providers }), providers };
  };
  const load = () => (options.configFile ? loadRoutingFile(options.configFile, options.env) : Promise.resolve(emptyRoutingFile));
  let current = build(await load());

  const reload = async () => {
    try {
      const next = build(await load());
      const retired = current;
      current = next;
      options.logger.info({ configFile: options.configFile, providers: [...next.providers.keys()] }, 'config file reloaded');
      await Promise.all([...retired.providers.values()].map((provider) => provider.close()));
    } catch (error) {
      options.logger.error({ err: error instanceof Error ? error.message : String(error) }, 'config file not reloaded: the last good config stays');
    }
  };
  const watcher = options.configFile ? watchRoutingFile(options.configFile, () => void reload()) : undefined;

  const router: ModelRouter = {
    select: (request) => current.router.select(request),
    check: (model) => current.router.check(model),
    get defaultModel() {
      return current.router.defaultModel;
    },
    list: () => current.router.list(),
    find: (id) => current.router.find(id),
    get providers() {
      return current.router.providers;
    },
  };
  return {
    router,
    reload,
    close: async () => {
      watcher?.close();
      await Promise.all([...current.providers.values()].map((provider) => provider.close()));
    },
  };
}
