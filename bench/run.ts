/**
 * Benchmarks for docs/benchmarks.md. Run: `npm run bench` (builds first), or `npm run bench -- <section> …` for some
 * of them. Prints figures; asserts nothing. Sections with charts also write them to docs/charts/*.svg (only the
 * sections run). Everything runs on 127.0.0.1 against the fake Anthropic API; the gateway is the built
 * dist/main.js, launched as `npm start` launches it.
 */
import { createBenchContext, type BenchContext } from './bench-context.js';
import { describeRun } from './charts/describe-run.js';
import { writeCharts, type Chart } from './charts/write-charts.js';
import * as embeddings from './sections/embeddings.js';
import * as firstContentExtras from './sections/first-content-extras.js';
import * as latency from './sections/latency.js';
import * as memoryLargeBodies from './sections/memory-large-bodies.js';
import * as memoryStreams from './sections/memory-streams.js';
import * as messagesVsChat from './sections/messages-vs-chat.js';
import * as openaiOverhead from './sections/openai-overhead.js';
import * as poolIdle from './sections/pool-idle.js';
import * as promptCache from './sections/prompt-cache.js';
import * as saturation from './sections/saturation.js';
import * as storeOverhead from './sections/store-overhead.js';
import * as throughput from './sections/throughput.js';

interface Section {
  title: string;
  /** Prints the section's table; what it returns, if anything, is its figures for `charts`. */
  run(ctx: BenchContext): Promise<unknown>;
  /** The charts of what `run` returned (a method, so each section may name its own figures' type). */
  charts?(figures: unknown, caption: string): Chart[];
}

const sections: Record<string, Section> = {
  latency,
  'first-content-extras': firstContentExtras,
  'messages-vs-chat': messagesVsChat,
  saturation,
  'pool-idle': poolIdle,
  throughput,
  'memory-streams': memoryStreams,
  'memory-large-bodies': memoryLargeBodies,
  'prompt-cache': promptCache,
  'openai-overhead': openaiOverhead,
  'store-overhead': storeOverhead,
  embeddings,
};

const asked = process.argv.slice(2);
const unknown = asked.filter((name) => !(name in sections));
if (unknown.length > 0) throw new Error(`unknown sections: ${unknown.join(', ')}; there are: ${Object.keys(sections).join(', ')}`);
const ctx = await createBenchContext();
const caption = describeRun(ctx.cliPath, ctx.cliEnv);
console.log(`claude CLI ${ctx.cliPath}\n${caption}`);
for (const [name, section] of Object.entries(sections).filter(([name]) => asked.length === 0 || asked.includes(name))) {
  console.log(`\n${name}: ${section.title}`);
  const figures = await section.run(ctx);
  if (section.charts) for (const path of await writeCharts(section.charts(figures, caption))) console.log(`   chart: ${path}`);
}
await ctx.upstream.close();
