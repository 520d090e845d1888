import type { ConcurrencyGate } from '../../core/concurrency-gate.js';
import type { SpawnCli } from './spawn-cli.js';

/**
 * Bounds the CLI processes alive at once: a spawn waits for a gate slot (queued, with the gate's limits), and the slot
 * is held until the process has exited — not merely until its request ended, since a CLI can take a moment to go.
 */
export function limitProcesses(spawn: SpawnCli, gate: ConcurrencyGate): SpawnCli {
  return async (spec, signal) => {
    const release = await gate.acquire(signal);
    try {
      const cli = await spawn(spec, signal);
      void cli.exited.then(release);
      return cli;
    } catch (error) {
      release();
      throw error;
    }
  };
}
