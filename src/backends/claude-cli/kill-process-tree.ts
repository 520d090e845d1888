import { readdirSync, readFileSync } from 'node:fs';

interface ProcessEntry {
  pid: number;
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
  const signal = (members: readonly ProcessEntry[], kind: NodeJS.Signals) => {
    const groups = new Set(members.map((entry) => entry.pgid).filter((pgid) => pgid !== ownGroup && pgid > 1));
    for (const pgid of groups) trySignal(-pgid, kind);
    for (const entry of members) trySignal(entry.pid, kind);
  };
  trySignal(-rootPid, 'SIGTERM'); // the CLI's own group, whatever /proc shows
  signal(tree, 'SIGTERM');
  // Only what is still the same process, and only the groups such a survivor is in: a group id could be reused.
  setTimeout(() => signal(tree.filter((entry) => readEntry(entry.pid)?.started === entry.started), 'SIGKILL'), graceMs).unref();
}

function trySignal(target: number, signal: NodeJS.Signals): void {
  try {
    process.kill(target, signal);
  } catch {
    // already gone (ESRCH), or not ours to signal (EPERM)
  }
}

/** The root and its descendants alive now, by each thread's `children` list; empty where /proc cannot be read. */
function readTree(rootPid: number): ProcessEntry[] {
  const root = readEntry(rootPid);
  if (!root) return [];
  const tree = [root];
  for (let i = 0; i < tree.length; i += 1) {
    for (const pid of childrenOf(tree[i]!.pid)) {
      const entry = readEntry(pid);
      if (entry) tree.push(entry);
    }
  }
  return tree;
}

function childrenOf(pid: number): number[] {
  try {
    return readdirSync(`/proc/${pid}/task`).flatMap((tid) =>
      readFileSync(`/proc/${pid}/task/${tid}/children`, 'utf8').split(' ').filter(Boolean).map(Number),
    );
  } catch {
    return [];
  }
}

function readEntry(pid: number): ProcessEntry | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name (field 2) is in parentheses and may itself hold spaces or parentheses.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return { pid, pgid: Number(fields[2]), started: fields[19] ?? '' };
  } catch {
    return undefined;
  }
}
