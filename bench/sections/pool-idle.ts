import type { BenchContext } from '../bench-context.js';
import { cliSettled } from '../pool-state.js';
import { cliChildren, cpuSeconds, privateMb, rssMb } from '../../test/support/proc.js';

export const title = 'The CLI pool at rest: memory and CPU of each waiting process (CLI_POOL_SIZE=2)';

const watchSeconds = Number(process.env.BENCH_IDLE_SECONDS ?? 30);

export async function run(ctx: BenchContext): Promise<void> {
  const gateway = await ctx.startGateway({ CLI_POOL_SIZE: '2' });
  const pid = gateway.child.pid!;
  try {
    await cliSettled(pid, 2);
    const waiting = cliChildren(pid);
    const before = waiting.map((cli) => cpuSeconds(cli).own);
    await new Promise((resolve) => setTimeout(resolve, watchSeconds * 1000));
    waiting.forEach((cli, i) => {
      const share = ((cpuSeconds(cli).own - before[i]!) / watchSeconds) * 100;
      console.log(`   waiting CLI ${i + 1}   RSS ${rssMb(cli).toFixed(0)} MB   private ${privateMb(cli).toFixed(0)} MB   CPU ${share.toFixed(2)} % of a core (over ${watchSeconds} s)`);
    });
    console.log(`   the gateway itself: RSS ${rssMb(pid).toFixed(0)} MB`);
  } finally {
    gateway.child.kill('SIGTERM');
  }
}
