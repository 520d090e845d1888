import { GatewayError } from './errors.js';

export interface ModelInfo {
  id: string;
  displayName: string;
  /** Unix seconds. */
  created: number;
  /** For an alias: the model it stands for. */
  target: string | undefined;
  /** An embedding model (POST /v1/embeddings), with its vectors' size when known; chat models have none. */
  embedding?: { dimensions: number | undefined } | undefined;
}

export interface ModelCatalog {
  /** The backend model id for a requested id (default when absent); throws model_not_found. */
  resolve(requested: string | undefined): string;
  find(id: string): ModelInfo | undefined;
  list(): ModelInfo[];
}

export interface ModelCatalogOptions {
  defaultModel: string;
  /** Client-facing name → backend model id (e.g. gpt-4o → sonnet). */
  aliases: ReadonlyMap<string, string>;
}

const day = (iso: string) => Date.parse(`${iso}T00:00:00Z`) / 1000;

/** Models Claude Code 2.1.197 knows by name: its family aliases and what they resolve to (protocol study §5.4). */
const claudeModels: readonly ModelInfo[] = [
  { id: 'opus', displayName: 'Claude Opus (latest)', created: day('2026-01-01'), target: 'claude-opus-4-8' },
  { id: 'sonnet', displayName: 'Claude Sonnet (latest)', created: day('2026-01-01'), target: 'claude-sonnet-5' },
  { id: 'haiku', displayName: 'Claude Haiku (latest)', created: day('2025-10-01'), target: 'claude-haiku-4-5-20251001' },
  { id: 'claude-opus-4-8', displayName: 'Claude Opus 4.8', created: day('2026-01-01'), target: undefined },
  { id: 'claude-sonnet-5', displayName: 'Claude Sonnet 5', created: day('2026-01-01'), target: undefined },
  { id: 'claude-haiku-4-5-20251001', displayName: 'Claude Haiku 4.5', created: day('2025-10-01'), target: undefined },
  { id: 'claude-sonnet-4-5-20250929', displayName: 'Claude Sonnet 4.5', created: day('2025-09-29'), target: undefined },
];

/** Any full Claude model id passes through, with the CLI's optional 1M-context suffix. */
const claudeIdPattern = /^(?:claude-[a-z0-9][a-z0-9.-]*|opus|sonnet|haiku)(?:\[1m\])?$/;

/**
 * The models a client may name. Client strings are only ever looked up in Maps: as keys of a plain object,
 * `__proto__` or `constructor` would find Object's own properties.
 */
export function createModelCatalog(options: ModelCatalogOptions): ModelCatalog {
  const aliasInfos: ModelInfo[] = [...options.aliases].map(([id, target]) => ({
    id,
    displayName: `${id} (alias of ${target})`,
    created: day('2026-01-01'),
    target,
  }));
  const all = [...claudeModels, ...aliasInfos];
  const byId = new Map(all.map((info) => [info.id, info]));
  const accepts = (id: string) => options.aliases.has(id) || claudeIdPattern.test(id) || id === options.defaultModel;

  return {
    resolve(requested) {
      const id = requested ?? options.defaultModel;
      if (!accepts(id)) {
        throw new GatewayError(
          'model_not_found',
          `The model '${id}' does not exist. GET /v1/models lists the models and aliases this gateway serves.`,
          { param: 'model' },
        );
      }
      return options.aliases.get(id) ?? id;
    },
    // Any id `resolve` accepts can be looked up, listed or not (a full Claude id, the configured default).
    find: (id) => byId.get(id) ?? (accepts(id) ? { id, displayName: id, created: day('2026-01-01'), target: undefined } : undefined),
    list: () => all,
  };
}
