import { createConcurrencyGate } from '../../src/core/concurrency-gate.js';

const never = new AbortController().signal;

describe('createConcurrencyGate', () => {
  test('admits up to maxActive, then queues in FIFO order', async () => {
    const gate = createConcurrencyGate({ maxActive: 1, maxQueued: 2, queueTimeoutMs: 10_000 });
    const release = await gate.acquire(never);
    const order: string[] = [];
    const a = gate.acquire(never).then((r) => (order.push('a'), r));
    const b = gate.acquire(never).then((r) => (order.push('b'), r));
    expect(gate.queued).toBe(2);
    expect(gate.spare).toBe(0);
    release();
    (await a)();
    (await b)();
    expect(order).toEqual(['a', 'b']);
    expect(gate.active).toBe(0);
    expect(gate.spare).toBe(1);
  });

  test('a full queue is refused at once with queue_full', async () => {
    const gate = createConcurrencyGate({ maxActive: 1, maxQueued: 0, queueTimeoutMs: 10_000 });
    await gate.acquire(never);
    await expect(gate.acquire(never)).rejects.toMatchObject({ code: 'queue_full', status: 429 });
  });

  test('a waiter gives up after the queue timeout', async () => {
    const gate = createConcurrencyGate({ maxActive: 1, maxQueued: 1, queueTimeoutMs: 20 });
    await gate.acquire(never);
    await expect(gate.acquire(never)).rejects.toMatchObject({ code: 'queue_timeout', status: 429 });
    expect(gate.queued).toBe(0);
  });

  test('an aborted waiter leaves the queue and does not take a slot', async () => {
    const gate = createConcurrencyGate({ maxActive: 1, maxQueued: 1, queueTimeoutMs: 10_000 });
    const release = await gate.acquire(never);
    const controller = new AbortController();
    const waiting = gate.acquire(controller.signal);
    controller.abort(new Error('client left'));
    await expect(waiting).rejects.toThrow('client left');
    release();
    expect(gate.active).toBe(0);
  });

  test('releasing twice frees one slot only', async () => {
    const gate = createConcurrencyGate({ maxActive: 2, maxQueued: 0, queueTimeoutMs: 10 });
    const release = await gate.acquire(never);
    await gate.acquire(never);
    release();
    release();
    expect(gate.active).toBe(1);
  });
});
