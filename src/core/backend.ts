import type { ModelEvent } from './model-event.js';
import type { ModelRequest } from './model-request.js';
import type { QuotaState } from './quota-tracker.js';

export interface BackendStatus {
  /** The backend can run requests (its executable was found). */
  available: boolean;
  version: string | undefined;
  /** Why it is not available, in words a user can act on. */
  problem: string | undefined;
}

export interface AuthStatus {
  loggedIn: boolean;
  /** How the backend authenticates (e.g. api_key, oauth_token, claude.ai): never the secret itself. */
  method: string;
  provider: string;
  source: string | undefined;
}

export interface Backend {
  /**
   * Runs one request. Throws a GatewayError at once for a request it cannot run (before any queueing); otherwise
   * the iterable yields events as they arrive and ends after a `finish` event, failures thrown as GatewayError.
   * Nothing starts until the first pull. Aborting `signal` stops the work and releases everything the run holds.
   */
  stream(request: ModelRequest, options: { signal: AbortSignal }): AsyncIterable<ModelEvent>;
  /** The request's fields this backend does not apply, by their wire name (`temperature`, `top_p`, `seed`). */
  ignores(request: ModelRequest): string[];
  status(): Promise<BackendStatus>;
  authStatus(): Promise<AuthStatus>;
  /** The login's usage window as last reported, while it holds; undefined when not known (or not a subscription). */
  quota?(): QuotaState | undefined;
}
