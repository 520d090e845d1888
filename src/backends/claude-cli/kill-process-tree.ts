import { readdirSync, readFileSync } from 'node:fs';

interface ProcessEntry {
  pid: number;
  ppid: number;
  pgid: number;
  /** Start time in clock ticks: with the pid, it names one process even if the pid is reused. */
  started: string;
}

/**
 * Stops a process and everything it started: SIGTERM now, SIGKILL after `graceMs` to whatever is left. The CLI runs
 * its Bash tool's shells in sessions of their own (setsid; observed on 2.1.197), so neither its process group nor
 * its own exit reaches them; they would be reparented to init and live on. So the tree is read from /proc first,
 * and each member and its process group is signalled. A command that daemonizes itself (double fork + setsid) before
 * the kill still escapes: only a container or cgroup bounds that. Without /proc (macOS) only the CLI's own process
 * group is signalled (it is spawned detached, so it leads one).
 */
export function killProcessTree(rootPid: number, graceMs: number): void {
  const tree = readTree(rootPid);
  const ownGroup = readEntry(process.pid)?.pgid;
  const groups = new Set([rootPid, ...tree.map((entry) => entry.pgid)].filter((pgid) => pgid !== ownGroup && pgid > 1));
  const signalAll = (signal: NodeJS.Signals, members: readonly ProcessEntry[]) => {
    for (const pgid of groups) trySignal(-pgid, signal);
    for (const entry of members) trySignal(entry.pid, signal);
  };
  signalAll('SIGTERM', tree);
  setTimeout(() => signalAll('SIGKILL', tree.filter((entry) => readEntry(entry.pid)?.started === entry.started)), graceMs).unref();
}

function trySignal(target: number, signal: NodeJS.Signals): void {
  try {
    process.kill(target, signal);
  } catch {
    // already gone (ESRCH), or not ours to signal (EPERM)
  }
}

/** The root and all its descendants that are alive now; empty where /proc cannot be read. */
function readTree(rootPid: number): ProcessEntry[] {
  let pids: number[];
  try {
    pids = readdirSync('/proc').filter((name) => /^\d+$/.test(name)).map(Number);
  } catch {
    return [];
  }
  const children = new Map<number, ProcessEntry[]>();
  let root: ProcessEntry | undefined;
  for (const pid of pids) {
    const entry = readEntry(pid);
    if (!entry) continue;
    if (pid === rootPid) root = entry;
    children.set(entry.ppid, [...(children.get(entry.ppid) ?? []), entry]);
  }
  if (!root) return [];
  const tree = [root];
  for (let i = 0; i < tree.length; i += 1) tree.push(...(children.get(tree[i]!.pid) ?? []));
  return tree;
}

function readEntry(pid: number): ProcessEntry | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name (field 2) is in parentheses and may itself hold spaces or parentheses.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return { pid, ppid: Number(fields[1]), pgid: Number(fields[2]), started: fields[19] ?? '' };
  } catch {
    return undefined;
  }
}
