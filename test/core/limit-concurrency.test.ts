import type { Backend } from '../../src/core/backend.js';
import { createConcurrencyGate } from '../../src/core/concurrency-gate.js';
import { GatewayError } from '../../src/core/errors.js';
import { limitConcurrency } from '../../src/core/limit-concurrency.js';
import { modelRequest } from '../support/model-request.js';
import { createFakeBackend, finish } from '../support/fake-backend.js';

const never = new AbortController().signal;

describe('limitConcurrency', () => {
  test('a request the backend refuses fails at once, even when every slot is taken', async () => {
    const gate = createConcurrencyGate({ maxActive: 1, maxQueued: 5, queueTimeoutMs: 10_000 });
    await gate.acquire(never); // the only slot is busy
    const refusing: Backend = {
      ...createFakeBackend().backend,
      stream: () => {
        throw new GatewayError('invalid_request', 'no', { param: 'claude_tools' });
      },
    };
    expect(() => limitConcurrency(refusing, gate).stream(modelRequest(), { signal: never })).toThrow(GatewayError);
    expect(gate.queued).toBe(0);
  });

  test('holds a slot from the first pull until the stream ends', async () => {
    const gate = createConcurrencyGate({ maxActive: 1, maxQueued: 0, queueTimeoutMs: 10 });
    const events = limitConcurrency(createFakeBackend(() => ({ events: finish('x') })).backend, gate).stream(modelRequest(), { signal: never });
    expect(gate.active).toBe(0); // nothing runs before the first pull
    const iterator = events[Symbol.asyncIterator]();
    await iterator.next();
    expect(gate.active).toBe(1);
    while (!(await iterator.next()).done);
    expect(gate.active).toBe(0);
  });
});
