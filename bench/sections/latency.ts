import { median, ms, runs, type BenchContext } from '../bench-context.js';
import { timeDirectCli, timeGatewayCompletion, timeGatewayFirstContent } from '../measure-latency.js';

export const title = 'Latency, gateway ÷ direct `claude -p` (same request, same fake upstream, interleaved)';

export async function run(ctx: BenchContext): Promise<void> {
  const gateway = await ctx.startGateway();
  try {
    await timeGatewayCompletion(gateway.url); // warm both paths once
    await timeDirectCli(ctx.cliPath, ctx.cliEnv, ctx.sandbox);
    const direct = { total: [] as number[], first: [] as number[] };
    const viaGateway = { total: [] as number[], first: [] as number[] };
    for (let i = 0; i < runs; i += 1) {
      const d = await timeDirectCli(ctx.cliPath, ctx.cliEnv, ctx.sandbox);
      direct.total.push(d.totalMs);
      direct.first.push(d.firstContentMs);
      viaGateway.total.push(await timeGatewayCompletion(gateway.url));
      viaGateway.first.push(await timeGatewayFirstContent(gateway.url));
    }
    // Adjacent runs share the machine's momentary load, so the median of per-pair ratios is the steadier figure.
    const row = (name: string, g: number[], d: number[]) =>
      console.log(
        `   ${name.padEnd(26)} gateway ${ms(median(g)).padStart(7)}   direct ${ms(median(d)).padStart(7)}   ` +
          `ratio of medians ${(median(g) / median(d)).toFixed(3)}   median pair ratio ${median(g.map((v, i) => v / d[i]!)).toFixed(3)}   (${runs} runs)`,
      );
    row('non-streaming, complete', viaGateway.total, direct.total);
    row('streaming, first content', viaGateway.first, direct.first);
  } finally {
    gateway.child.kill('SIGTERM');
  }
}
