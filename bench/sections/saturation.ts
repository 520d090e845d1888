import { median, ms, type BenchContext } from '../bench-context.js';
import { saturationChart } from '../charts/saturation-chart.js';
import type { Chart } from '../charts/write-charts.js';
import type { SaturationTally, Setup } from '../figures.js';
import { timeGatewayCompletion } from '../measure-latency.js';
import { cliSettled } from '../pool-state.js';
import { treeCpuSeconds } from '../../test/support/proc.js';

const seconds = Number(process.env.BENCH_SATURATION_SECONDS ?? 20);
const rounds = Number(process.env.BENCH_SATURATION_ROUNDS ?? 3);
const clientCounts = (process.env.BENCH_SATURATION_CLIENTS ?? '1,2,4,8').split(',').map(Number);
const poolSize = 2;
const maxConcurrency = 4;

export const title =
  `Throughput at saturation: requests/s with ${clientCounts.join(', ')} clients sending back to back, CLI pool off and on (MAX_CONCURRENCY ${maxConcurrency}; rounds alternate)`;

type Tally = Omit<SaturationTally, 'clients' | 'setup'>;

export const charts = (tallies: SaturationTally[], caption: string): Chart[] => [{ name: 'saturation', spec: saturationChart(tallies, caption, maxConcurrency) }];

/** `clients` loops, each sending the next request when its last is answered, for `seconds`. */
async function saturate(url: string, pid: number, clients: number, tally: Tally): Promise<void> {
  const before = treeCpuSeconds(pid);
  const started = performance.now();
  const until = started + seconds * 1000;
  const client = async () => {
    while (performance.now() < until) {
      await timeGatewayCompletion(url).then(
        (t) => tally.latencies.push(t),
        () => (tally.failed += 1),
      );
    }
  };
  const done = tally.latencies.length;
  await Promise.all(Array.from({ length: clients }, client));
  tally.requests += tally.latencies.length - done;
  tally.seconds += (performance.now() - started) / 1000;
  tally.cpu += treeCpuSeconds(pid) - before;
}

export async function run(ctx: BenchContext): Promise<SaturationTally[]> {
  const limit = { MAX_CONCURRENCY: String(maxConcurrency) };
  const gateways = [await ctx.startGateway(limit), await ctx.startGateway({ ...limit, CLI_POOL_SIZE: String(poolSize) })];
  const sizes = [0, poolSize];
  const setups: Setup[] = ['gateway, pool off', 'gateway, pool on'];
  const all: SaturationTally[] = [];
  try {
    for (const clients of clientCounts) {
      const tallies = sizes.map((): Tally => ({ requests: 0, failed: 0, seconds: 0, cpu: 0, latencies: [] }));
      for (let round = 0; round < rounds; round += 1) {
        for (const [i, gateway] of gateways.entries()) {
          await cliSettled(gateway.child.pid!, sizes[i]!);
          await saturate(gateway.url, gateway.child.pid!, clients, tallies[i]!);
        }
      }
      tallies.forEach((t, i) =>
        console.log(
          `   ${clients} clients, pool ${String(sizes[i]).padEnd(2)} ${(t.requests / t.seconds).toFixed(2)} requests/s   median latency ${ms(median(t.latencies)).padStart(7)}   ` +
            `CPU ${(t.cpu / t.requests).toFixed(2)} s per request   (${t.requests} in ${t.seconds.toFixed(0)} s${t.failed ? `, ${t.failed} failed` : ''})`,
        ),
      );
      console.log(`   ${clients} clients, pool on ÷ off: ${(tallies[1]!.requests / tallies[1]!.seconds / (tallies[0]!.requests / tallies[0]!.seconds)).toFixed(3)}`);
      all.push(...tallies.map((t, i) => ({ ...t, clients, setup: setups[i]! })));
    }
  } finally {
    for (const gateway of gateways) gateway.child.kill('SIGTERM');
  }
  return all;
}
