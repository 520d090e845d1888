import { readFileSync } from 'node:fs';

/** What /proc says about a process, for the tests and benchmarks (Linux only). */

const read = (path: string) => {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return ''; // gone meanwhile
  }
};
const ticksPerSecond = 100; // USER_HZ, 100 on Linux everywhere

export const rssMb = (pid: number) => Number(/VmRSS:\s+(\d+)/.exec(read(`/proc/${pid}/status`))?.[1] ?? 0) / 1024;

/** Memory only this process holds (what it costs beyond the pages it shares with other CLIs). */
export const privateMb = (pid: number) => {
  const rollup = read(`/proc/${pid}/smaps_rollup`);
  const kb = (field: string) => Number(new RegExp(`${field}:\\s+(\\d+)`).exec(rollup)?.[1] ?? 0);
  return (kb('Private_Clean') + kb('Private_Dirty')) / 1024;
};

export const childPids = (pid: number) => read(`/proc/${pid}/task/${pid}/children`).trim().split(/\s+/).filter(Boolean).map(Number);

/** The gateway's `claude -p` children (the status probes left out). */
export const cliChildren = (pid: number) => childPids(pid).filter((child) => read(`/proc/${child}/cmdline`).includes('--input-format=stream-json'));

/** CPU seconds: the process's own, and those of its children it has already reaped. */
export function cpuSeconds(pid: number | 'self'): { own: number; reaped: number } {
  // Fields after the command name (which may hold spaces) in /proc/<pid>/stat: utime is the 14th, cstime the 17th.
  const fields = read(`/proc/${pid}/stat`).replace(/^.*\) /, '').split(' ').map(Number);
  return { own: (fields[11]! + fields[12]!) / ticksPerSecond, reaped: (fields[13]! + fields[14]!) / ticksPerSecond };
}

/** All CPU a gateway and its CLIs have used so far: its own, its reaped children's, and its live children's. */
export function treeCpuSeconds(pid: number): number {
  const { own, reaped } = cpuSeconds(pid);
  return own + reaped + childPids(pid).reduce((sum, child) => sum + cpuSeconds(child).own, 0);
}

/** Some process has this pid (a zombie not yet reaped included). */
export const exists = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

/** Alive and not a zombie (a killed child not yet reaped counts as gone). */
export const alive = (pid: number) => {
  const stat = read(`/proc/${pid}/stat`);
  return stat !== '' && !/^\S+ \(.*\) Z/.test(stat);
};

/** Reads until `done` holds (polling up to `withinMs`), and returns the last value read. */
export async function poll<T>(read: () => T, done: (value: T) => boolean, withinMs = 15_000): Promise<T> {
  for (const until = Date.now() + withinMs; Date.now() < until; await new Promise((resolve) => setTimeout(resolve, 25))) {
    const value = read();
    if (done(value)) return value;
  }
  return read();
}

/** True once `check` holds (polling up to `withinMs`). */
export const eventually = (check: () => boolean, withinMs = 10_000) => poll(check, (ok) => ok, withinMs);
