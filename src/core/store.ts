/**
 * What the gateway keeps between requests (sessions, stored responses): one interface, a memory and a Redis adapter.
 * Values are strings (JSON); every key expires. An adapter that cannot reach its storage throws a GatewayError
 * `store_unavailable`, which clients see as a 503. Calls are applied in the order they are made, even when made
 * together without waiting (one connection), so a read sent right after a claim sees what the claim's last holder wrote.
 */
import { GatewayError } from './errors.js';

/** What a client hears when the store cannot be reached (the cause goes to the log only). */
export const storeUnavailable = (detail: string | undefined, cause?: unknown) =>
  new GatewayError('store_unavailable', 'The gateway cannot reach its Redis store (REDIS_URL) right now; retry shortly.', {
    retryAfterSeconds: 2,
    detail,
    cause,
  });

export type StoreWrite =
  | { op: 'set'; key: string; value: string; ttlMs: number }
  | { op: 'delete'; key: string }
  /** Adds or moves `member` in the sorted index at `key` (score: a time), and keeps the index `ttlMs` longer. */
  | { op: 'index'; key: string; member: string; score: number; ttlMs: number }
  | { op: 'unindex'; key: string; member: string }
  /** Adds each whole number to its field of the counters at `key` (absent fields start at 0), and keeps them `ttlMs` longer. */
  | { op: 'increment'; key: string; fields: Readonly<Record<string, number>>; ttlMs: number };

export interface IndexEntry {
  member: string;
  score: number;
}

export interface Store {
  readonly kind: 'memory' | 'redis';
  get(key: string): Promise<string | undefined>;
  /** Applies every write, or none of them (one transaction). */
  write(writes: readonly StoreWrite[]): Promise<void>;
  /** Sets `key` only if it is absent, for `ttlMs`: a lock. Returns the token that releases it, or undefined if taken. */
  claim(key: string, ttlMs: number): Promise<string | undefined>;
  /** Deletes a claimed key if it still holds `token` (an expired claim another request took is left alone). */
  release(key: string, token: string): Promise<void>;
  /** The index's entries, highest score first. */
  members(key: string): Promise<IndexEntry[]>;
  /** The counters at `key` (none: an empty object). */
  counters(key: string): Promise<Record<string, number>>;
  /** Whether the storage answers now (/health). */
  status(): Promise<{ available: boolean; problem: string | undefined }>;
  close(): Promise<void>;
}
