import { median, type BenchContext } from '../bench-context.js';
import { childPids, rssMb } from '../../test/support/proc.js';
import { timeGatewayCompletion } from '../measure-latency.js';

const openStreams = Number(process.env.BENCH_STREAMS ?? 20);

export const title = 'Gateway memory: idle, after 50 requests, and per open stream (each CLI is a separate process)';

export async function run(ctx: BenchContext): Promise<void> {
  const gateway = await ctx.startGateway({ MAX_CONCURRENCY: String(openStreams + 4) });
  const pid = gateway.child.pid!;
  try {
    await new Promise((resolve) => setTimeout(resolve, 500));
    const idleAtStart = rssMb(pid);
    for (let i = 0; i < 50; i += 1) await timeGatewayCompletion(gateway.url);
    const idleWarm = rssMb(pid);
    ctx.upstream.script(...Array.from({ length: openStreams }, () => ({ kind: 'stall' as const, chunks: ['working'] })));
    const controllers = Array.from({ length: openStreams }, () => new AbortController());
    const readers = await Promise.all(
      controllers.map(async (controller) => {
        const response = await fetch(`${gateway.url}/v1/chat/completions`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ model: 'sonnet', stream: true, messages: [{ role: 'user', content: 'Hi' }] }),
          signal: controller.signal,
        });
        const reader = response.body!.getReader();
        await reader.read(); // the role and first content chunk: the stream is open
        return reader;
      }),
    );
    await new Promise((resolve) => setTimeout(resolve, 500));
    const withStreams = rssMb(pid);
    const cliRss = childPids(pid).map(rssMb);
    console.log(`   idle after start          ${idleAtStart.toFixed(1)} MB`);
    console.log(`   idle after 50 requests    ${idleWarm.toFixed(1)} MB`);
    console.log(`   with ${openStreams} open streams      ${withStreams.toFixed(1)} MB  → ${((withStreams - idleWarm) / openStreams).toFixed(2)} MB per open stream`);
    console.log(`   each running CLI process  ${median(cliRss).toFixed(0)} MB median RSS (${cliRss.length} processes) — this, not the gateway, sizes MAX_CONCURRENCY`);
    for (const controller of controllers) controller.abort();
    await Promise.allSettled(readers.map((reader) => reader.cancel()));
  } finally {
    gateway.child.kill('SIGTERM');
  }
}
