export interface Cached<T> {
  get(): Promise<T>;
  /** Drops the remembered answer: the next `get` loads afresh (e.g. after a failure showed it is stale). */
  forget(): void;
}

/** Remembers `load`'s answer for `ttlMs`; concurrent callers share one call in flight. */
export function cacheFor<T>(ttlMs: number, load: () => Promise<T>, now: () => number = Date.now): Cached<T> {
  let cached: { value: Promise<T>; at: number } | undefined;
  return {
    get() {
      if (cached === undefined || now() - cached.at > ttlMs) {
        const value = load();
        const entry = { value, at: now() };
        cached = entry;
        value.catch(() => cached === entry && (cached = undefined)); // a failure is not remembered
      }
      return cached.value;
    },
    forget: () => void (cached = undefined),
  };
}
