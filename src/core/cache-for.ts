export interface Cached<T> {
  get(): Promise<T>;
  /** Drops the remembered answer: the next `get` loads afresh (e.g. after a failure showed it is stale). */
  forget(): void;
}

/**
 * Remembers `load`'s answer for `ttlMs` (which may depend on the answer: a bad one is worth re-checking sooner);
 * concurrent callers share one call in flight.
 */
export function cacheFor<T>(ttlMs: number | ((value: T) => number), load: () => Promise<T>, now: () => number = Date.now): Cached<T> {
  let cached: { value: Promise<T>; at: number; ttl: number } | undefined;
  return {
    get() {
      if (cached === undefined || now() - cached.at > cached.ttl) {
        const value = load();
        const entry = { value, at: now(), ttl: typeof ttlMs === 'number' ? ttlMs : Infinity };
        cached = entry;
        value.then(
          (answer) => typeof ttlMs === 'function' && (entry.ttl = ttlMs(answer)),
          () => cached === entry && (cached = undefined), // a failure is not remembered
        );
      }
      return cached.value;
    },
    forget: () => void (cached = undefined),
  };
}
