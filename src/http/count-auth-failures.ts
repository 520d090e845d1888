import type { Request } from 'express';
import { ipKeyGenerator, MemoryStore, type Store } from 'express-rate-limit';
import { secondsUntil } from './seconds-until.js';

export interface AuthFailures {
  /** Seconds until the client's address may try again, or undefined when it may now. */
  waitFor(req: Request): Promise<number | undefined>;
  /** Counts a failed key check from the client's address. */
  record(req: Request): Promise<void>;
}

const windowMs = 60_000;

/**
 * Failed key checks per client address and minute. Only failures count (a request in flight or one the client
 * aborted is not one), and past the limit every request from that address waits out the window — the right key
 * too, or the answer would still tell a guess from a hit. The store is express-rate-limit's, so a shared one (Redis)
 * fits in.
 */
export function countAuthFailures(perMinute: number, store: Store = new MemoryStore()): AuthFailures | undefined {
  if (perMinute === 0) return undefined;
  void store.init?.({ windowMs } as Parameters<NonNullable<Store['init']>>[0]);
  const keyOf = (req: Request) => `auth-failures:${ipKeyGenerator(req.ip ?? '')}`;
  return {
    async waitFor(req) {
      // A shared store that is away: keys are still checked, failures go uncounted until it is back.
      const info = await Promise.resolve(store.get?.(keyOf(req))).catch(() => undefined);
      if (!info || info.totalHits < perMinute) return undefined;
      return secondsUntil(info.resetTime, windowMs / 1000);
    },
    async record(req) {
      await Promise.resolve(store.increment(keyOf(req))).catch(() => undefined);
    },
  };
}
