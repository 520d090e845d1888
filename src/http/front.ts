import type { Request, Router } from 'express';
import type { Backend } from '../core/backend.js';
import type { ConcurrencyGate } from '../core/concurrency-gate.js';
import type { CountTokens } from '../core/cut-at-stop-sequences.js';
import type { EmbeddingModels } from '../core/embedder.js';
import type { GatewayError } from '../core/errors.js';
import type { Store } from '../core/store.js';
import type { ImageFetcher } from '../media/image-fetcher.js';
import type { ModelRouter } from '../routing/create-model-router.js';
import type { Sessions } from '../sessions/sessions.js';
import type { Tokenizer } from '../tokens/create-tokenizer.js';
import type { UsageLedger } from '../usage/create-usage-ledger.js';
import type { SecurityView, ToolsView } from '../wire/gateway-views.js';
import type { Documented } from './operation.js';

/** An error as one protocol sends it: the HTTP status (a front may choose its own, e.g. Anthropic's 529) and body. */
export interface EncodedError {
  status: number;
  body: unknown;
}

/** A front's error encoder; `req` lets a route two protocols share (GET /v1/models) answer each in its own shape. */
export type EncodeError = (error: GatewayError, req: Request) => EncodedError;

/**
 * One client protocol, as the app mounts it: the paths it owns, its routes (relative to those paths), and its error
 * shape, which every error under its paths takes — from the body parser, the key check and the limits as well as
 * from its own routes. Its operations (and `errorSchema`, the shape `encodeError` gives) make its part of
 * /openapi.json.
 */
export interface Front extends Documented {
  /** Its folder's name under src/fronts (the `front` label of the request metrics). */
  name: string;
  paths: readonly string[];
  routes: Router;
  encodeError: EncodeError;
}

/** What the fronts are built from (each takes the part it needs). */
export interface FrontDeps {
  /** The built-in claude-cli backend: its status and login (/health, /v1/auth/status). */
  backend: Backend;
  /** Which backend and model answer each request; the models GET /v1/models lists. */
  router: ModelRouter;
  /** Loads the images requests refer to (data: and http(s): URLs). */
  fetchImage: ImageFetcher;
  /** The most runs (`n`) one request may ask for: each takes a concurrency slot, and they must run side by side. */
  maxChoices: number;
  /** OpenAI: send the model's thinking as `reasoning_content` unless a request says otherwise. */
  includeReasoning: boolean;
  /** Estimates tokens (count_tokens, and what a gateway-side stop cut off). */
  countTokens: CountTokens;
  /** Conversations kept by the gateway for `session_id` (chat completions, messages). */
  sessions: Sessions;
  /** What is kept between requests: stored responses, and the sessions' own records. */
  store: Store;
  /** How long a stored response (`store: true`) is kept. */
  responseTtlMs: number;
  /** /v1/embeddings: what embeds, the OpenAI names that map to its default, its own queue, and the token counts. */
  embeddings: EmbeddingModels & { gate: ConcurrencyGate; tokenizer: Tokenizer };
  /** Each key's tokens, cost and requests (GET /v1/usage), which every finished run adds to. */
  usage: UsageLedger;
  /** GET /v1/tools and GET /v1/security: what the model may use and how the gateway is guarded, fixed at start-up. */
  views: { tools: ToolsView; security: SecurityView };
}
