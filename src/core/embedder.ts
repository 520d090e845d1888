import type { ModelInfo } from './model-catalog.js';

/** What turns texts into vectors: the bundled local model, or an OpenAI-compatible embeddings server. */
export interface EmbeddingModel {
  id: string;
  /** The vectors' size; undefined when only the server knows (an upstream). */
  dimensions: number | undefined;
}

export interface Embedder {
  /** Names it for the log and `x-gateway-route`: `local` or the upstream's name. */
  readonly name: string;
  /** The models it offers by name (GET /v1/models). */
  readonly models: readonly EmbeddingModel[];
  /**
   * One vector per text, in order, L2-normalised; `dimensions` asks an upstream for that size (the local model's are
   * cut by the caller). Aborting `signal` stops the work not yet started and an upstream call.
   */
  embed(texts: readonly string[], options: { model: string; dimensions: number | undefined; signal: AbortSignal }): Promise<Float32Array[]>;
  /** Lets go of its worker or connections. */
  close?(): Promise<void>;
}

/** The embedder, and the names (OpenAI's text-embedding-3-small, …) that mean its default model. */
export interface EmbeddingModels {
  embedder: Embedder;
  aliases: ReadonlyMap<string, string>;
}

const listedSince = Date.parse('2026-01-01T00:00:00Z') / 1000;

/** The embedding models and their aliases, as GET /v1/models lists them. */
export function embeddingModelInfos({ embedder, aliases }: EmbeddingModels): ModelInfo[] {
  const models = embedder.models.map((model) => ({
    id: model.id,
    displayName: `${model.id} (embeddings, ${embedder.name})`,
    created: listedSince,
    target: undefined,
    embedding: { dimensions: model.dimensions },
  }));
  const dimensionsOf = (id: string) => embedder.models.find((model) => model.id === id)?.dimensions;
  const aliasInfos = [...aliases].map(([id, target]) => ({
    id,
    displayName: `${id} (alias of ${target}: not OpenAI's vectors)`,
    created: listedSince,
    target,
    embedding: { dimensions: dimensionsOf(target) },
  }));
  return [...models, ...aliasInfos];
}

/** The vector cut to its first `dimensions` values and scaled back to length 1 (what OpenAI's `dimensions` does). */
export function shorten(vector: Float32Array, dimensions: number): Float32Array {
  const cut = vector.slice(0, dimensions);
  const length = Math.hypot(...cut);
  return length === 0 ? cut : cut.map((value) => value / length);
}
