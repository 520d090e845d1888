import { Worker } from 'node:worker_threads';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import request from 'supertest';
import { createLocalEmbedder } from '../src/backends/local-embeddings/create-local-embedder.js';
import { createTestApp, testEmbeddings } from '../test/support/create-test-app.js';
import { createFakeBackend } from '../test/support/fake-backend.js';
let captured: Worker | undefined;
const post = Worker.prototype.postMessage;
Worker.prototype.postMessage = function (this: Worker, ...args: any[]) { captured = this; return (post as any).apply(this, args); };
const embedder = createLocalEmbedder();
const emb = testEmbeddings(embedder);
const app = createTestApp(createFakeBackend().backend, { embeddings: emb });
const go = async (label: string, body: object) => { const s = performance.now(); const r = await request(app).post('/v1/embeddings').send(body); console.log(label, r.status, r.body.error?.code ?? r.body.data?.length, (performance.now() - s).toFixed(0) + 'ms', 'gate', emb.gate.active, emb.gate.queued); return r; };
await go('warm', { input: 'hello' });
// crash mid-job
const big = Array.from({ length: 64 }, (_, i) => `Sentence ${i} about nothing much at all really.`.repeat(20));
const p = go('killed mid-job', { input: big });
await new Promise((r) => setTimeout(r, 300));
const first = captured!;
await first.terminate();
await p;
await go('after crash', { input: 'hello again' });
console.log('new worker?', captured !== first);
// abort mid-request: does the worker keep working? does the gate release?
const server = app.listen(0);
const port = (server.address() as any).port;
const ctrl = new AbortController();
const s0 = performance.now();
const aborted = fetch(`http://127.0.0.1:${port}/v1/embeddings`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ input: Array.from({ length: 128 }, (_, i) => `Sentence ${i} about nothing much.`.repeat(40)) }), signal: ctrl.signal }).catch((e) => String(e).slice(0, 40));
await new Promise((r) => setTimeout(r, 800));
ctrl.abort();
console.log('aborted client:', await aborted);
await go('right after abort', { input: 'x' });
console.log('since abort start', (performance.now() - s0).toFixed(0), 'gate', emb.gate.active);
// JSON build: 2048 vectors, float, with a fast embedder
const fast = { name: 'local', models: [{ id: 'use-lite-512', dimensions: 512 }], embed: async (t: readonly string[]) => t.map(() => { const v = new Float32Array(512); for (let i = 0; i < 512; i++) v[i] = Math.random(); return v; }) };
const app2 = createTestApp(createFakeBackend().backend, { embeddings: testEmbeddings(fast) });
for (const fmt of ['float', 'base64']) {
  const h = monitorEventLoopDelay({ resolution: 1 }); h.enable();
  const s = performance.now();
  const r = await request(app2).post('/v1/embeddings').send({ input: Array.from({ length: 2048 }, (_, i) => `s${i}`), encoding_format: fmt });
  h.disable();
  console.log('2048 vectors', fmt, r.status, (performance.now() - s).toFixed(0) + 'ms', 'loop max', (h.max / 1e6).toFixed(0) + 'ms', 'bytes', r.text.length);
}
server.close();
await embedder.close();
process.exit(0);
