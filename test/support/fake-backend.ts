import type { AuthStatus, Backend, BackendStatus } from '../../src/core/backend.js';
import type { GatewayError } from '../../src/core/errors.js';
import type { ModelEvent } from '../../src/core/model-event.js';
import { samplingParams, type ModelRequest } from '../../src/core/model-request.js';
import { finishEvent, textBlock } from './events.js';

export interface FakeRun {
  events?: ModelEvent[];
  /** Thrown after the events (or at once when there are none). */
  error?: GatewayError;
  /** Waits this long before each event, honouring the abort signal. */
  delayMs?: number;
}

/** A response of one text block (none for ''), then a normal finish. */
export const finish = (text = ''): ModelEvent[] => [...(text ? textBlock(text) : []), finishEvent()];

/** A Backend that plays scripted runs, for router tests; it records every request it is given. */
export function createFakeBackend(next: () => FakeRun = () => ({ events: finish('Hi there.') })) {
  const requests: ModelRequest[] = [];
  let status: BackendStatus = { available: true, version: '9.9.9', problem: undefined };
  const auth: AuthStatus = { loggedIn: true, method: 'api_key', provider: 'firstParty', source: 'ANTHROPIC_API_KEY' };
  const backend: Backend = {
    async *stream(request, { signal }) {
      requests.push(request);
      const run = next();
      for (const event of run.events ?? []) {
        if (run.delayMs) await new Promise((resolve) => setTimeout(resolve, run.delayMs));
        signal.throwIfAborted();
        yield event;
      }
      if (run.error) throw run.error;
    },
    ignores: (request) => samplingParams(request.sampling), // as the CLI
    status: async () => status,
    authStatus: async () => auth,
  };
  return { backend, requests, setStatus: (s: BackendStatus) => void (status = s) };
}
