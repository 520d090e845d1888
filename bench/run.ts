/**
 * Benchmarks for docs/benchmarks.md. Run: `npm run bench` (builds first). Prints figures; asserts nothing.
 * Everything runs on 127.0.0.1 against the fake Anthropic API; the gateway is the built dist/main.js.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { randomBytes } from 'node:crypto';
import { bundledCliPath, cliEnvFor, makeCliDirs } from '../test/support/cli-under-test.js';
import { pngBase64 } from '../test/support/images.js';
import { startFakeAnthropic } from '../test/support/fake-anthropic.js';
import { timeDirectCli, timeGatewayCompletion, timeGatewayFirstContent } from './measure-latency.js';
import { measureMemoryUnderLoad } from './measure-memory.js';
import { measureThroughput } from './measure-throughput.js';

const runs = Number(process.env.BENCH_RUNS ?? 30);
const openStreams = Number(process.env.BENCH_STREAMS ?? 20);

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
const ms = (value: number) => `${value.toFixed(0)} ms`;
const childPids = (pid: number) => readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').trim().split(/\s+/).filter(Boolean).map(Number);
const rssMb = (pid: number) => Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))![1]) / 1024;

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** `npm start`'s command line, read from package.json so the benchmark runs exactly what users run. */
const startScript = (JSON.parse(readFileSync('package.json', 'utf8')) as { scripts: { start: string } }).scripts.start.split(/\s+/);
const npmStart = {
  env: Object.fromEntries(startScript.filter((word) => /^[A-Z_]+=/.test(word)).map((word) => word.split('=') as [string, string])),
  flags: startScript.filter((word) => word.startsWith('--')),
};

async function startGatewayProcess(env: Record<string, string>, launch = npmStart): Promise<{ child: ChildProcess; url: string }> {
  const port = await freePort();
  const child = spawn(process.execPath, [...launch.flags, 'dist/main.js'], { env: { ...env, ...launch.env, PORT: String(port) }, stdio: 'inherit' });
  const url = `http://127.0.0.1:${port}`;
  for (let attempt = 0; attempt < 100; attempt += 1) {
    if (child.exitCode !== null) throw new Error(`the gateway exited with ${child.exitCode}`);
    if (await fetch(`${url}/health`).then((r) => r.ok, () => false)) return { child, url };
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error('the gateway did not become healthy');
}

const upstream = await startFakeAnthropic({ kind: 'text', chunks: ['Hello', ' from', ' the', ' fake', ' upstream.'] });
const { home, sandbox } = makeCliDirs();
const cliEnv = cliEnvFor(upstream, home);
const gateway = await startGatewayProcess({
  ...cliEnv,
  CLAUDE_CLI_PATH: bundledCliPath,
  SANDBOX_DIR: sandbox,
  TOOL_POLICY: 'none',
  CLI_MAX_RETRIES: '0',
  LOG_LEVEL: 'warn',
  RATE_LIMIT_PER_MINUTE: '0',
  MAX_CONCURRENCY: String(openStreams + 4),
});
const pid = gateway.child.pid!;
const idleAtStart = rssMb(pid);

console.log(`claude CLI ${bundledCliPath}\n`);
console.log(`1. Latency, gateway ÷ direct \`claude -p\` (same request, same fake upstream, interleaved, ${runs} runs each)`);
await timeGatewayCompletion(gateway.url); // warm both paths once
await timeDirectCli(bundledCliPath, cliEnv, sandbox);
const direct = { total: [] as number[], first: [] as number[] };
const viaGateway = { total: [] as number[], first: [] as number[] };
for (let i = 0; i < runs; i += 1) {
  const d = await timeDirectCli(bundledCliPath, cliEnv, sandbox);
  direct.total.push(d.totalMs);
  direct.first.push(d.firstContentMs);
  viaGateway.total.push(await timeGatewayCompletion(gateway.url));
  viaGateway.first.push(await timeGatewayFirstContent(gateway.url));
}
// Adjacent runs share the machine's momentary load, so the median of per-pair ratios is the steadier figure.
const row = (name: string, g: number[], d: number[]) =>
  console.log(
    `   ${name.padEnd(26)} gateway ${ms(median(g)).padStart(7)}   direct ${ms(median(d)).padStart(7)}   ` +
      `ratio of medians ${(median(g) / median(d)).toFixed(3)}   median pair ratio ${median(g.map((v, i) => v / d[i]!)).toFixed(3)}`,
  );
row('non-streaming, complete', viaGateway.total, direct.total);
row('streaming, first content', viaGateway.first, direct.first);

console.log(`\n2. Time to first content through the gateway: 5 client tools, and a 300 KB image, vs plain (${runs} runs each)`);
const tools = Array.from({ length: 5 }, (_, i) => ({
  type: 'function',
  function: { name: `tool_${i}`, description: `Tool number ${i}`, parameters: { type: 'object', properties: { q: { type: 'string' } }, required: ['q'] } },
}));
// A PNG signature and 300 KB of noise: the gateway checks the signature, the fake upstream checks nothing.
const image = Buffer.concat([Buffer.from(pngBase64, 'base64'), randomBytes(300 * 1024)]).toString('base64');
const withImage = { messages: [{ role: 'user', content: [{ type: 'text', text: 'Describe it.' }, { type: 'image_url', image_url: { url: `data:image/png;base64,${image}` } }] }] };
const plain: number[] = [];
const withTools: number[] = [];
const imaged: number[] = [];
for (let i = 0; i < runs; i += 1) {
  plain.push(await timeGatewayFirstContent(gateway.url));
  withTools.push(await timeGatewayFirstContent(gateway.url, { tools }));
  imaged.push(await timeGatewayFirstContent(gateway.url, withImage));
}
const added = (name: string, values: number[]) =>
  console.log(`   ${name.padEnd(26)} ${ms(median(values)).padStart(7)}   plain ${ms(median(plain)).padStart(7)}   adds ${ms(median(values.map((v, i) => v - plain[i]!))).padStart(6)} (median of pair differences)`);
added('with 5 client tools', withTools);
added('with a 300 KB image', imaged);

console.log('\n3. Decoder + encoder throughput (recorded 2,010-line CLI stream → OpenAI chunks → JSON, one core)');
const fixture = new URL('../test/fixtures/long-stream.ndjson', import.meta.url);
await measureThroughput(fixture, 20); // warm-up
const { events, seconds } = await measureThroughput(fixture, 200);
console.log(`   ${Math.round(events / seconds).toLocaleString('en-US')} events/s (${events.toLocaleString('en-US')} events in ${seconds.toFixed(2)} s)`);

console.log(`\n4. Gateway memory (RSS of the gateway process; each CLI is a separate process)`);
const idleWarm = rssMb(pid);
upstream.script(...Array.from({ length: openStreams }, () => ({ kind: 'stall' as const, chunks: ['working'] })));
const controllers = Array.from({ length: openStreams }, () => new AbortController());
const streaming = controllers.map(async (controller) => {
  const response = await fetch(`${gateway.url}/v1/chat/completions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ model: 'sonnet', stream: true, messages: [{ role: 'user', content: 'Hi' }] }),
    signal: controller.signal,
  });
  const reader = response.body!.getReader();
  await reader.read(); // the role and first content chunk: the stream is open
  return reader;
});
const readers = await Promise.all(streaming);
await new Promise((resolve) => setTimeout(resolve, 500));
const withStreams = rssMb(pid);
const clis = childPids(pid);
const cliRss = clis.map(rssMb);
console.log(`   idle after start          ${idleAtStart.toFixed(1)} MB`);
console.log(`   idle after the runs above ${idleWarm.toFixed(1)} MB`);
console.log(`   with ${openStreams} open streams      ${withStreams.toFixed(1)} MB  → ${((withStreams - idleWarm) / openStreams).toFixed(2)} MB per open stream`);
console.log(`   each running CLI process  ${median(cliRss).toFixed(0)} MB median RSS (${clis.length} processes) — this, not the gateway, sizes MAX_CONCURRENCY`);
for (const controller of controllers) controller.abort();
await Promise.allSettled(readers.map((reader) => reader.cancel()));

gateway.child.kill('SIGTERM');

console.log('\n5. Gateway memory under 60 bodies of 15 MB and 2,000 small invalid ones, 4 at a time, then 8 s idle');
const launches: Array<[string, typeof npmStart]> = [
  ['plain node', { env: {}, flags: [] }],
  ['--max-semi-space-size=1', { env: {}, flags: ['--max-semi-space-size=1'] }],
  ['npm start', npmStart],
];
for (const [name, launch] of launches) {
  const figures = await measureMemoryUnderLoad(() => startGatewayProcess({ ...cliEnv, CLAUDE_CLI_PATH: bundledCliPath, SANDBOX_DIR: sandbox, LOG_LEVEL: 'silent', RATE_LIMIT_PER_MINUTE: '0' }, launch));
  console.log(`   ${name.padEnd(26)} idle ${figures.idleAtStart.toFixed(0)} MB   peak ${figures.peak.toFixed(0).padStart(4)} MB   idle after ${figures.idleAfter.toFixed(0)} MB`);
}
console.log(`   (npm start: ${[...Object.entries(npmStart.env).map(([k, v]) => `${k}=${v}`), ...npmStart.flags].join(' ')})`);
await upstream.close();
