import type { Backend } from './backend.js';
import type { ConcurrencyGate } from './concurrency-gate.js';

/** Wraps a backend so every stream holds one gate slot from its first pull until it ends or is abandoned. */
export function limitConcurrency(backend: Backend, gate: ConcurrencyGate): Backend {
  return {
    status: () => backend.status(),
    authStatus: () => backend.authStatus(),
    stream(request, options) {
      const events = backend.stream(request, options); // a request the backend refuses never waits in the queue
      return (async function* () {
        const release = await gate.acquire(options.signal);
        try {
          yield* events;
        } finally {
          release();
        }
      })();
    },
  };
}
