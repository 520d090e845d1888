import { GatewayError } from './errors.js';

export interface ConcurrencyGateOptions {
  maxActive: number;
  maxQueued: number;
  queueTimeoutMs: number;
}

export interface ConcurrencyGate {
  /** Resolves with a release function once a slot is free; rejects with queue_full / queue_timeout or on abort. */
  acquire(signal: AbortSignal): Promise<() => void>;
  readonly active: number;
  readonly queued: number;
  /** Slots free now and wanted by no one waiting. */
  readonly spare: number;
}

interface Waiter {
  grant: () => void;
}

/** A counting semaphore with a bounded FIFO queue and a bounded wait. */
export function createConcurrencyGate(options: ConcurrencyGateOptions): ConcurrencyGate {
  let active = 0;
  const queue: Waiter[] = [];

  const releaseOnce = (): (() => void) => {
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const next = queue.shift();
      if (next) next.grant(); // the slot passes straight to the next waiter
      else active -= 1;
    };
  };

  return {
    get active() {
      return active;
    },
    get queued() {
      return queue.length;
    },
    get spare() {
      return queue.length > 0 ? 0 : options.maxActive - active;
    },
    acquire(signal) {
      signal.throwIfAborted();
      if (active < options.maxActive) {
        active += 1;
        return Promise.resolve(releaseOnce());
      }
      if (queue.length >= options.maxQueued) {
        return Promise.reject(
          new GatewayError('queue_full', 'The gateway is at its concurrency limit and its queue is full; retry shortly.', {
            retryAfterSeconds: 1,
          }),
        );
      }
      return new Promise((resolve, reject) => {
        const leave = (error: unknown) => {
          const index = queue.indexOf(waiter);
          if (index >= 0) queue.splice(index, 1);
          clearTimeout(timer);
          signal.removeEventListener('abort', onAbort);
          reject(error);
        };
        const onAbort = () => leave(signal.reason);
        const timer = setTimeout(
          () =>
            leave(
              new GatewayError(
                'queue_timeout',
                `No capacity became free within ${Math.round(options.queueTimeoutMs / 1000)} s; retry shortly.`,
                { retryAfterSeconds: 1 },
              ),
            ),
          options.queueTimeoutMs,
        );
        const waiter: Waiter = {
          grant: () => {
            clearTimeout(timer);
            signal.removeEventListener('abort', onAbort);
            resolve(releaseOnce());
          },
        };
        signal.addEventListener('abort', onAbort, { once: true });
        queue.push(waiter);
      });
    },
  };
}
