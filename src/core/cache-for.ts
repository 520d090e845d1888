/** Remembers `load`'s answer for `ttlMs`; concurrent callers share one call in flight. */
export function cacheFor<T>(ttlMs: number, load: () => Promise<T>, now: () => number = Date.now): () => Promise<T> {
  let cached: { value: Promise<T>; at: number } | undefined;
  return () => {
    if (cached === undefined || now() - cached.at > ttlMs) {
      const value = load();
      cached = { value, at: now() };
      value.catch(() => (cached = undefined)); // a failure is not remembered
    }
    return cached.value;
  };
}
