import { limitProcesses, roomForRefill } from '../../../src/backends/claude-cli/limit-processes.js';
import type { CliProcess, SpawnCli } from '../../../src/backends/claude-cli/spawn-cli.js';
import { createConcurrencyGate } from '../../../src/core/concurrency-gate.js';

/** A spawner whose processes exit only when the test says so. */
function fakeSpawner() {
  const exits: Array<() => void> = [];
  const spawn: SpawnCli = async () => {
    let exit!: () => void;
    const exited = new Promise<{ failure: undefined }>((resolve) => (exit = () => resolve({ failure: undefined })));
    exits.push(exit);
    return { exited } as unknown as CliProcess;
  };
  return { spawn, exits };
}

const never = new AbortController().signal;
const spec = { args: [], env: {} };

describe('limitProcesses', () => {
  test('more CLIs than the cap: a slot is held until the process has exited, not until its request ended', async () => {
    const gate = createConcurrencyGate({ maxActive: 1, maxQueued: 5, queueTimeoutMs: 5000 });
    const { spawn, exits } = fakeSpawner();
    const limited = limitProcesses(spawn, gate);
    await limited(spec, never);
    let second = false;
    const waiting = limited(spec, never).then(() => (second = true));
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(second).toBe(false); // the first process is still alive
    expect(gate.queued).toBe(1);
    exits[0]!();
    await waiting;
    expect(second).toBe(true);
  });

  test('a spawn that fails gives its slot back', async () => {
    const gate = createConcurrencyGate({ maxActive: 1, maxQueued: 0, queueTimeoutMs: 1000 });
    const limited = limitProcesses(async () => Promise.reject(new Error('no')), gate);
    await expect(limited(spec, never)).rejects.toThrow('no');
    expect(gate.active).toBe(0);
  });

  test('a full queue refuses at once with queue_full', async () => {
    const gate = createConcurrencyGate({ maxActive: 1, maxQueued: 0, queueTimeoutMs: 1000 });
    const limited = limitProcesses(fakeSpawner().spawn, gate);
    await limited(spec, never);
    await expect(limited(spec, never)).rejects.toMatchObject({ code: 'queue_full', status: 429 });
  });

  test('room for a refill: nothing running, or two slots free (one more request would still leave one)', async () => {
    const gate = createConcurrencyGate({ maxActive: 3, maxQueued: 5, queueTimeoutMs: 5000 });
    const room = roomForRefill(gate);
    const { spawn, exits } = fakeSpawner();
    const limited = limitProcesses(spawn, gate);
    expect(room()).toBe(true);
    await limited(spec, never);
    expect(room()).toBe(true); // 2 of 3 free
    await limited(spec, never);
    expect(room()).toBe(false);
    exits.forEach((exit) => exit());
    await new Promise((resolve) => setImmediate(resolve));
    expect(room()).toBe(true);
    const single = createConcurrencyGate({ maxActive: 1, maxQueued: 5, queueTimeoutMs: 5000 });
    expect(roomForRefill(single)()).toBe(true); // with one slot, idle is the only room there is
  });
});
