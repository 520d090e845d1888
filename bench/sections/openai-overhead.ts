import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Agent, request } from 'undici';
import { startFakeOpenAi } from '../../test/support/fake-openai.js';
import type { BenchContext } from '../bench-context.js';

export const title = "The gateway's added latency in front of an OpenAI-compatible server (the fake one), gateway vs direct, side by side";

const requests = Number(process.env.BENCH_OVERHEAD_REQUESTS ?? 400);
const saturationSeconds = Number(process.env.BENCH_OVERHEAD_SECONDS ?? 10);
const quantile = (values: number[], q: number) => [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.floor(values.length * q))]!;
const body = (model: string) => JSON.stringify({ model, stream: true, messages: [{ role: 'user', content: 'Say hello.' }] });

/** One streamed chat completion read to its end; the time it took. */
async function timeOne(agent: Agent, url: string, model: string): Promise<number> {
  const started = performance.now();
  const answer = await request(`${url}/chat/completions`, { method: 'POST', dispatcher: agent, headers: { 'content-type': 'application/json' }, body: body(model) });
  if (answer.statusCode !== 200) throw new Error(`${url} answered ${answer.statusCode}: ${await answer.body.text()}`);
  await answer.body.text();
  return performance.now() - started;
}

/** `concurrency` clients, `total` requests between them, alternating gateway and direct per client. */
async function measure(agent: Agent, direct: string, gateway: string, concurrency: number, total: number) {
  const times = { direct: [] as number[], gateway: [] as number[] };
  let left = total;
  const client = async (i: number) => {
    for (let n = i; left > 0; n += 1) {
      left -= 1;
      if (n % 2 === 0) times.direct.push(await timeOne(agent, direct, 'qwen3:8b'));
      else times.gateway.push(await timeOne(agent, gateway, 'qwen'));
    }
  };
  await Promise.all(Array.from({ length: concurrency }, (_, i) => client(i)));
  return times;
}

async function throughput(agent: Agent, url: string, model: string, concurrency: number): Promise<number> {
  const until = performance.now() + saturationSeconds * 1000;
  let done = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (performance.now() < until) {
        await timeOne(agent, url, model);
        done += 1;
      }
    }),
  );
  return done / saturationSeconds;
}

/** Between chunks, as a model streams (0: as fast as the fake can, which measures the gateway's own throughput). */
const chunkDelayMs = Number(process.env.BENCH_OVERHEAD_CHUNK_MS ?? 0);

export async function run(ctx: BenchContext): Promise<void> {
  const fake = await startFakeOpenAi({ kind: 'text', chunks: ['Hello', ' from', ' the', ' fake', ' server.'], delayMs: chunkDelayMs });
  console.log(`   ${chunkDelayMs} ms between the fake's chunks`);
  const configFile = join(mkdtempSync(join(tmpdir(), 'ccg-bench-')), 'gateway.yaml');
  writeFileSync(configFile, `providers:\n  - name: local\n    type: openai\n    base_url: ${fake.url}\n    models: [qwen3:8b]\nmodels:\n  qwen: local/qwen3:8b\n`);
  const gateway = await ctx.startGateway({ CONFIG_FILE: configFile, MAX_CONCURRENCY: '64' });
  const agent = new Agent({ connections: 128, keepAliveTimeout: 30_000 });
  try {
    await measure(agent, fake.url, `${gateway.url}/v1`, 4, 200); // warm both paths
    for (const concurrency of [1, 50]) {
      const { direct, gateway: through } = await measure(agent, fake.url, `${gateway.url}/v1`, concurrency, requests);
      const row = (q: number) => {
        const d = quantile(direct, q);
        const g = quantile(through, q);
        return `direct ${d.toFixed(2)} ms, gateway ${g.toFixed(2)} ms, added ${(g - d).toFixed(2)} ms`;
      };
      console.log(`   ${String(concurrency).padStart(2)} concurrent streams   median: ${row(0.5)}   p99: ${row(0.99)}   (${through.length} + ${direct.length} requests)`);
    }
    const viaGateway = await throughput(agent, `${gateway.url}/v1`, 'qwen', 50);
    const directly = await throughput(agent, fake.url, 'qwen3:8b', 50);
    console.log(`   saturation, 50 clients: gateway ${viaGateway.toFixed(0)} requests/s, direct ${directly.toFixed(0)} requests/s (the fake server shares the benchmark's process)`);
  } finally {
    gateway.child.kill('SIGTERM');
    await agent.close();
    await fake.close();
  }
}
