import { median, ms, runs, type BenchContext } from '../bench-context.js';
import { firstContentChart } from '../charts/first-content-chart.js';
import { latencyChart } from '../charts/latency-chart.js';
import type { Chart } from '../charts/write-charts.js';
import type { LatencySample, Setup } from '../figures.js';
import { timeDirectCli, timeGatewayCompletion, timeGatewayFirstContent } from '../measure-latency.js';
import { cliSettled } from '../pool-state.js';
import { cpuSeconds, treeCpuSeconds } from '../../test/support/proc.js';

export const title =
  'Latency and CPU per request, gateway with the CLI pool off and on ÷ direct `claude -p` (same request, same fake upstream, interleaved)';

const poolSize = 2;

interface Figures {
  first: number[];
  /**
   * First content of a request with max_tokens (1024, so the gateway also turns thinking off on stdin): a pooled CLI
   * takes it on stdin (`apply_flag_settings`), a cold one in its environment, as direct `claude -p` does.
   */
  firstWithMax: number[];
  total: number[];
  cpu: number[];
}
const figures = (): Figures => ({ first: [], firstWithMax: [], total: [], cpu: [] });
const maxTokens = 1024;

/** Every timed request, flattened for the charts. */
function samplesOf(bySetup: Record<Setup, Figures>): LatencySample[] {
  return Object.entries(bySetup).flatMap(([setup, f]) =>
    (
      [
        ['first content', f.first],
        ['first content, max_tokens', f.firstWithMax],
        ['complete', f.total],
      ] as const
    ).flatMap(([measure, values]) => values.map((ms, round) => ({ setup: setup as Setup, measure, round, ms }))),
  );
}

export const charts = (samples: LatencySample[], caption: string): Chart[] => [
  { name: 'latency-gateway-vs-direct', spec: latencyChart(samples, caption) },
  { name: 'first-content-pool', spec: firstContentChart(samples, caption) },
];

export async function run(ctx: BenchContext): Promise<LatencySample[]> {
  const off = await ctx.startGateway();
  const on = await ctx.startGateway({ CLI_POOL_SIZE: String(poolSize) });
  const [offPid, onPid] = [off.child.pid!, on.child.pid!];
  try {
    const direct = figures();
    const poolOff = figures();
    const poolOn = figures();
    // Each measured run starts on a quiet machine: nothing starting up (the pool's refill included) but what is timed.
    const timeGateway = async (url: string, pid: number, settledAt: number, into: Figures | undefined) => {
      const before = treeCpuSeconds(pid);
      const total = await timeGatewayCompletion(url);
      await cliSettled(pid, settledAt);
      const first = await timeGatewayFirstContent(url);
      await cliSettled(pid, settledAt);
      const cpu = (treeCpuSeconds(pid) - before) / 2;
      const firstWithMax = await timeGatewayFirstContent(url, { max_tokens: maxTokens });
      await cliSettled(pid, settledAt);
      into?.total.push(total);
      into?.first.push(first);
      into?.firstWithMax.push(firstWithMax);
      into?.cpu.push(cpu);
    };
    const timeDirect = async (into: Figures | undefined) => {
      const before = cpuSeconds('self').reaped;
      const d = await timeDirectCli(ctx.cliPath, ctx.cliEnv, ctx.sandbox);
      await new Promise((resolve) => setTimeout(resolve, 100)); // reaped
      into?.total.push(d.totalMs);
      into?.first.push(d.firstContentMs);
      into?.cpu.push(cpuSeconds('self').reaped - before);
      const withMax = await timeDirectCli(ctx.cliPath, { ...ctx.cliEnv, CLAUDE_CODE_MAX_OUTPUT_TOKENS: String(maxTokens) }, ctx.sandbox);
      into?.firstWithMax.push(withMax.firstContentMs);
    };
    await cliSettled(onPid, poolSize);
    for (let i = -1; i < runs; i += 1) {
      const keep = i >= 0; // the first round warms every path
      await timeDirect(keep ? direct : undefined);
      await timeGateway(off.url, offPid, 0, keep ? poolOff : undefined);
      await timeGateway(on.url, onPid, poolSize, keep ? poolOn : undefined);
    }
    // Adjacent runs share the machine's momentary load, so the median of per-pair ratios is the steadier figure.
    const row = (name: string, pick: (f: Figures) => number[]) => {
      const d = pick(direct);
      const ratio = (g: number[]) => `${ms(median(g)).padStart(7)} (÷ direct: ${(median(g) / median(d)).toFixed(3)}, median pair ${median(g.map((v, i) => v / d[i]!)).toFixed(3)})`;
      console.log(`   ${name.padEnd(26)} direct ${ms(median(d)).padStart(7)}   pool off ${ratio(pick(poolOff))}   pool on ${ratio(pick(poolOn))}`);
    };
    row('streaming, first content', (f) => f.first);
    row('… with max_tokens', (f) => f.firstWithMax);
    row('non-streaming, complete', (f) => f.total);
    const cpu = (f: Figures) => `${median(f.cpu).toFixed(2)} s`;
    console.log(`   ${'CPU per request'.padEnd(26)} direct ${cpu(direct)}   pool off ${cpu(poolOff)}   pool on ${cpu(poolOn)} (gateway and its CLIs, the refill included; ${runs} runs)`);
    return samplesOf({ 'direct claude -p': direct, 'gateway, pool off': poolOff, 'gateway, pool on': poolOn });
  } finally {
    off.child.kill('SIGTERM');
    on.child.kill('SIGTERM');
  }
}
