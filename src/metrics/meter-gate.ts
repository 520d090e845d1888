import type { ConcurrencyGate } from '../core/concurrency-gate.js';
import type { GatewayMetrics } from './create-metrics.js';

/** The gate with the time each acquire waited for its slot observed (a refused or abandoned wait too). */
export function meterGate(gate: ConcurrencyGate, queue: string, metrics: Pick<GatewayMetrics, 'queueWait'>): ConcurrencyGate {
  return Object.create(gate, {
    acquire: {
      value: async (signal: AbortSignal) => {
        const stop = metrics.queueWait.startTimer({ queue });
        try {
          return await gate.acquire(signal);
        } finally {
          stop();
        }
      },
    },
  }) as ConcurrencyGate;
}
