import type { Backend } from './backend.js';
import type { ConcurrencyGate } from './concurrency-gate.js';

/** Wraps a backend so every stream holds one gate slot from its first pull until it ends or is abandoned. */
export function limitConcurrency(backend: Backend, gate: ConcurrencyGate): Backend {
  return {
    status: () => backend.status(),
    authStatus: () => backend.authStatus(),
    async *stream(request, options) {
      const release = await gate.acquire(options.signal);
      try {
        yield* backend.stream(request, options);
      } finally {
        release();
      }
    },
  };
}
