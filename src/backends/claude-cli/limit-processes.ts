import type { ConcurrencyGate } from '../../core/concurrency-gate.js';
import type { SpawnCli } from './spawn-cli.js';

/**
 * Bounds the CLI processes alive at once: a spawn waits for a gate slot (queued, with the gate's limits), and the slot
 * is held until the process has exited — not merely until its request ended, since a CLI can take a moment to go.
 */
export function limitProcesses(spawn: SpawnCli, gate: ConcurrencyGate): SpawnCli {
  return async (spec, signal, options) => {
    const release = await gate.acquire(signal);
    try {
      const cli = await spawn(spec, signal, options);
      void cli.exited.then(release);
      return cli;
    } catch (error) {
      release();
      throw error;
    }
  };
}

/**
 * Whether the CLI pool may start a process now (its `hasRoom`). At saturation a refill cannot make anyone faster —
 * the CPU is the limit, and start-ups side by side each cost more — so it waits until nothing runs, or until two
 * slots are free: the load is then below what the gate admits.
 */
export const roomForRefill = (gate: ConcurrencyGate) => (): boolean => gate.active === 0 || gate.spare >= 2;
