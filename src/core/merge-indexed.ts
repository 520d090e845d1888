export interface Indexed<T> {
  index: number;
  value: T;
}

/**
 * Interleaves several async iterables as their items arrive, tagging each with its source's index. The first failure
 * ends the merge; the sources still running are then asked to close, and none of their later failures goes
 * unhandled.
 */
export async function* mergeIndexed<T>(sources: ReadonlyArray<AsyncIterable<T>>): AsyncGenerator<Indexed<T>> {
  if (sources.length === 1) {
    // The usual n = 1: no racing per item.
    for await (const value of sources[0]!) yield { index: 0, value };
    return;
  }
  const iterators = sources.map((source) => source[Symbol.asyncIterator]());
  type Step = { index: number; result?: IteratorResult<T>; error?: unknown };
  const pull = (index: number): Promise<Step> =>
    iterators[index]!.next().then(
      (result) => ({ index, result }),
      (error: unknown) => ({ index, error: error ?? new Error('a source failed') }),
    );
  const pending = new Map(iterators.map((_, index) => [index, pull(index)]));
  try {
    while (pending.size > 0) {
      const step = await Promise.race(pending.values());
      if (step.error !== undefined) {
        pending.delete(step.index);
        throw step.error;
      }
      if (step.result!.done) {
        pending.delete(step.index);
        continue;
      }
      pending.set(step.index, pull(step.index));
      yield { index: step.index, value: step.result!.value };
    }
  } finally {
    // A source busy in next() can only close after that step, which may be long: it is not waited for (the caller
    // aborts the sources' shared signal to end them now), and its outcome is already handled by pull().
    for (const index of pending.keys()) void iterators[index]!.return?.().catch(() => undefined);
  }
}
