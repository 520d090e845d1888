import { setImmediate as nextTurn } from 'node:timers/promises';

/**
 * For long synchronous work done in steps: call the returned function between steps, and once `everyMs` of work has
 * passed it lets the event loop serve everything else before going on.
 */
export function pace(everyMs = 5): () => Promise<void> {
  let since = performance.now();
  return async () => {
    if (performance.now() - since < everyMs) return;
    await nextTurn();
    since = performance.now();
  };
}
