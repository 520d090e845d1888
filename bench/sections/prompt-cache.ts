import { execFileSync } from 'node:child_process';
import { mkdtempSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createTokenizer } from '../../src/tokens/create-tokenizer.js';
import { promptBlocks, sharedPrefix } from '../../test/support/cached-prefix.js';
import type { BenchContext, GatewayProcess } from '../bench-context.js';

export const title = 'Prompt-cache-reusable prefix per request of a 10-request agent conversation with tool calls';

/** The last commit before cache-friendly history (issue 8): its one growing transcript block is the "before". */
const baselineRev = process.env.BENCH_BASELINE_REV ?? 'fafedca';
const countTokens = createTokenizer().count;
// An agent's shape, scaled down: a system prompt of ~4k tokens (Claude Code's is 6k–15k), a few tools, and turns
// that each add a question, a tool call, a ~600-token file and an answer.
const tools = ['read_file', 'write_file', 'list_dir', 'grep', 'run_tests', 'git_diff'].map((name) => ({
  type: 'function',
  function: { name, description: `The ${name} tool. `.repeat(10), parameters: { type: 'object', properties: { path: { type: 'string' }, pattern: { type: 'string' } } } },
}));
const systemPrompt = 'You are a coding agent working in a large repository; read before you write, test what you change. '.repeat(200);

/** The same conversation through a gateway; the fraction of each request's prompt tokens the previous one cached. */
async function fractions(ctx: BenchContext, gateway: GatewayProcess): Promise<Array<{ reused: number; possible: number }>> {
  const first = ctx.upstream.requests.length;
  const messages: Array<Record<string, unknown>> = [{ role: 'system', content: systemPrompt }];
  for (let turn = 0; turn < 5; turn += 1) {
    ctx.upstream.script(
      { kind: 'tool_use', chunks: [`Reading file ${turn}.`], calls: [{ name: 'mcp__client__read_file', input: { path: `src/file${turn}.ts` } }] },
      { kind: 'text', chunks: [`File ${turn} defines ${'a function '.repeat(30)}.`] },
    );
    messages.push({ role: 'user', content: `Explain src/file${turn}.ts.` });
    const call = await chat(gateway, messages);
    messages.push({ role: 'assistant', content: call.content, tool_calls: call.tool_calls });
    messages.push({ role: 'tool', tool_call_id: call.tool_calls![0]!.id, content: `export function f${turn}() {\n${'  return 42;\n'.repeat(50)}}` });
    messages.push({ role: 'assistant', content: (await chat(gateway, messages)).content });
  }
  const requests = ctx.upstream.requests.slice(first).map((request) => promptBlocks(request.body));
  const tokensOf = async (blocks: readonly string[]) => (await Promise.all(blocks.map(countTokens))).reduce((a, b) => a + b, 0);
  const out: Array<{ reused: number; possible: number }> = [];
  for (let n = 1; n < requests.length; n += 1) {
    const shared = sharedPrefix(requests[n - 1]!, requests[n]!);
    const total = await tokensOf(requests[n]!);
    // `possible`: all of the previous request, the most any cache written by it can serve
    out.push({ reused: (await tokensOf(requests[n]!.slice(0, shared))) / total, possible: (await tokensOf(requests[n - 1]!)) / total });
  }
  return out;
}

async function chat(gateway: GatewayProcess, messages: unknown[]) {
  const response = await fetch(`${gateway.url}/v1/chat/completions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ model: 'sonnet', messages, tools }),
  });
  const body = (await response.json()) as { choices: Array<{ message: { content: string | null; tool_calls?: Array<{ id: string }> } }> };
  return body.choices[0]!.message;
}

/** A build of the baseline revision beside this one (its own checkout, this one's node_modules). */
function buildBaseline(): string {
  const dir = mkdtempSync(join(tmpdir(), 'ccg-baseline-'));
  execFileSync('git', ['worktree', 'add', '--detach', dir, baselineRev], { stdio: 'ignore' });
  symlinkSync(join(process.cwd(), 'node_modules'), join(dir, 'node_modules'));
  execFileSync('npx', ['tsc', '-p', 'tsconfig.build.json'], { cwd: dir, stdio: 'ignore' });
  return dir;
}

export async function run(ctx: BenchContext): Promise<void> {
  const baselineDir = buildBaseline();
  try {
    const rows: Array<[string, Array<{ reused: number; possible: number }>]> = [];
    for (const [name, dir] of [[`before (${baselineRev})`, baselineDir], ['now', process.cwd()]] as const) {
      const gateway = await ctx.startGateway({}, undefined, dir);
      try {
        rows.push([name, await fractions(ctx, gateway)]);
      } finally {
        gateway.child.kill('SIGTERM');
      }
    }
    const percent = (v: number) => `${Math.round(v * 100)}%`.padStart(4);
    console.log('   share of each request\'s prompt tokens that the previous request\'s cache covers (requests 2–10):');
    for (const [name, values] of rows) console.log(`   ${name.padEnd(18)} ${values.map((v) => percent(v.reused)).join(' ')}`);
    console.log(`   ${'at most possible'.padEnd(18)} ${rows.at(-1)![1].map((v) => percent(v.possible)).join(' ')}   (all of the previous request)`);
  } finally {
    execFileSync('git', ['worktree', 'remove', '--force', baselineDir], { stdio: 'ignore' });
  }
}
