import type { ChildProcess } from 'node:child_process';
import { rssMb } from '../test/support/proc.js';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export interface MemoryFigures {
  idleAtStart: number;
  peak: number;
  /** After the load, once the gateway has been idle for `settleMs`. */
  idleAfter: number;
}

/**
 * The gateway's RSS under a load of large and invalid bodies, like the fuzz run that found retained memory: 60 bodies
 * of 15 MB (a third with an invalid field, a third cut short so JSON parsing fails at the end, a third a flat array of
 * 7.5 million numbers, which every check walks), and 2,000 small invalid ones, four at a time. None reaches a CLI,
 * so this is the gateway's own memory.
 */
export async function measureMemoryUnderLoad(start: () => Promise<{ child: ChildProcess; url: string }>, settleMs = Number(process.env.BENCH_SETTLE_MS ?? 20_000)): Promise<MemoryFigures> {
  const { child, url } = await start();
  const pid = child.pid!;
  await sleep(500);
  const idleAtStart = rssMb(pid);
  let peak = idleAtStart;
  const sampler = setInterval(() => (peak = Math.max(peak, rssMb(pid))), 20);
  const big = 'x'.repeat(15 * 1024 * 1024);
  const bodies = [
    ...Array.from({ length: 20 }, () => JSON.stringify({ model: 'sonnet', messages: [{ role: 'wizard', content: big }] })),
    ...Array.from({ length: 20 }, () => JSON.stringify({ model: 'sonnet', messages: [{ role: 'user', content: big }] }).slice(0, -3)),
    ...Array.from({ length: 20 }, () => `{"model":"sonnet","messages":[${'1,'.repeat(7_500_000)}1]}`),
    ...Array.from({ length: 2000 }, (_, i) => JSON.stringify({ model: i % 3 ? 'sonnet' : '__proto__', messages: i % 2 ? [] : [{ role: 'user', content: i }] })),
  ];
  let next = 0;
  const worker = async () => {
    while (next < bodies.length) {
      const body = bodies[next++]!;
      await fetch(`${url}/v1/chat/completions`, { method: 'POST', headers: { 'content-type': 'application/json' }, body }).then((r) => r.arrayBuffer());
    }
  };
  await Promise.all(Array.from({ length: 4 }, worker));
  clearInterval(sampler);
  await sleep(settleMs);
  const idleAfter = rssMb(pid);
  child.kill('SIGTERM');
  return { idleAtStart, peak, idleAfter };
}
