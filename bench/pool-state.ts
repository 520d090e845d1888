import { cliChildren, cpuSeconds } from '../test/support/proc.js';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Resolves once the gateway's CLIs are `count` processes that have finished starting up (their CPU time stopped
 * growing): after a request, that is when a pool has refilled; with no pool, when the request's CLI has gone.
 */
export async function cliSettled(gatewayPid: number, count: number, withinMs = 30_000): Promise<void> {
  const until = Date.now() + withinMs;
  let last = -1;
  while (Date.now() < until) {
    const clis = cliChildren(gatewayPid);
    const cpu = clis.reduce((sum, pid) => sum + cpuSeconds(pid).own, 0);
    if (clis.length === count && cpu === last) return;
    last = clis.length === count ? cpu : -1;
    await sleep(200);
  }
  throw new Error(`the gateway's CLIs did not settle at ${count} within ${withinMs} ms`);
}
