import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Agent, request } from 'undici';
import { startFakeOpenAi } from '../../test/support/fake-openai.js';
import { startRedis } from '../../test/support/redis-server.js';
import type { BenchContext } from '../bench-context.js';

export const title = 'What keeping a conversation costs per request: no store, the memory store, Redis (side by side, in front of a fast fake model)';

const requests = Number(process.env.BENCH_STORE_REQUESTS ?? 600);
const quantile = (values: number[], q: number) => [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.floor(values.length * q))]!;

/** What one request of each kind sends; `turn` numbers a client's requests (a session lasts 10 of them). */
const kinds = {
  'chat, no session': (turn: number, client: number) => ['/v1/chat/completions', { model: 'qwen', messages: [{ role: 'user', content: `Hi ${turn}` }] }],
  'chat, a session': (turn: number, client: number) => [
    '/v1/chat/completions',
    { model: 'qwen', session_id: `bench-${client}-${Math.floor(turn / 10)}-${process.pid}`, messages: [{ role: 'user', content: `Hi ${turn}` }] },
  ],
  'responses, store: false': (turn: number) => ['/v1/responses', { model: 'qwen', input: `Hi ${turn}`, store: false }],
  'responses, stored': (turn: number) => ['/v1/responses', { model: 'qwen', input: `Hi ${turn}` }],
} as const satisfies Record<string, (turn: number, client: number) => [string, object]>;

async function timeOne(agent: Agent, url: string, [path, body]: readonly [string, object]): Promise<number> {
  const started = performance.now();
  const answer = await request(`${url}${path}`, { method: 'POST', dispatcher: agent, headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  const text = await answer.body.text();
  if (answer.statusCode !== 200) throw new Error(`${path} answered ${answer.statusCode}: ${text}`);
  return performance.now() - started;
}

export async function run(ctx: BenchContext): Promise<void> {
  const fake = await startFakeOpenAi({ kind: 'text', chunks: ['Hello', ' from', ' the', ' fake', ' server.'] });
  const redis = await startRedis();
  const configFile = join(mkdtempSync(join(tmpdir(), 'ccg-bench-')), 'gateway.yaml');
  writeFileSync(configFile, `providers:\n  - name: local\n    type: openai\n    base_url: ${fake.url}\n    models: [qwen3:8b]\nmodels:\n  qwen: local/qwen3:8b\n`);
  const settings = { CONFIG_FILE: configFile, MAX_CONCURRENCY: '64', SESSION_MAX_PER_KEY: '100000' };
  const gateways = { memory: await ctx.startGateway(settings), redis: await ctx.startGateway({ ...settings, REDIS_URL: redis.url }) };
  const agent = new Agent({ connections: 16, keepAliveTimeout: 30_000 });
  try {
    for (const concurrency of [1, 8]) {
      const times = new Map<string, number[]>();
      let turn = 0;
      const client = async (index: number) => {
        for (let mine = 0; turn < requests; mine += 1) {
          turn += 1;
          // Every kind on both stores, in turn, so each sees the same moment's load.
          for (const [store, gateway] of Object.entries(gateways)) {
            for (const [kind, make] of Object.entries(kinds)) {
              const key = `${kind} (${store})`;
              times.set(key, [...(times.get(key) ?? []), await timeOne(agent, gateway.url, make(mine, index))]);
            }
          }
        }
      };
      await Promise.all(Array.from({ length: concurrency }, (_, i) => client(i)));
      console.log(`   ${concurrency} client(s), ${requests} requests of each kind on each store; median / p99, and added over the same store's stateless request:`);
      for (const store of Object.keys(gateways)) {
        for (const [kind, base] of [['chat, a session', 'chat, no session'], ['responses, stored', 'responses, store: false']] as const) {
          const measured = times.get(`${kind} (${store})`)!;
          const baseline = times.get(`${base} (${store})`)!;
          const fmt = (q: number) => `${quantile(measured, q).toFixed(2)} ms (+${(quantile(measured, q) - quantile(baseline, q)).toFixed(2)})`;
          console.log(`     ${store.padEnd(6)} ${kind.padEnd(18)} median ${fmt(0.5)}, p99 ${fmt(0.99)}   [${base}: ${quantile(baseline, 0.5).toFixed(2)} / ${quantile(baseline, 0.99).toFixed(2)} ms]`);
        }
      }
    }
  } finally {
    for (const gateway of Object.values(gateways)) gateway.child.kill('SIGTERM');
    await agent.close();
    await fake.close();
    await redis.stop();
  }
}
