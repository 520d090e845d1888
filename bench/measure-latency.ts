import { spawn } from 'node:child_process';
import { encodeSpawn } from '../src/backends/claude-cli/encode-spawn.js';
import { encodeTurn } from '../src/backends/claude-cli/encode-turn.js';
import { modelRequest } from '../test/support/model-request.js';

export interface Timing {
  /** Until the first content arrived. */
  firstContentMs: number;
  /** Until the whole answer arrived. */
  totalMs: number;
}

const request = modelRequest({ system: 'You are terse.' });

/**
 * The same request as the gateway makes, run straight through `claude -p` with no gateway in between. `env` may add
 * what a request sets at spawn on a plain `claude -p` (CLAUDE_CODE_MAX_OUTPUT_TOKENS for max_tokens).
 */
export function timeDirectCli(cliPath: string, env: Record<string, string>, cwd: string): Promise<Timing> {
  const spec = encodeSpawn(request, { toolPolicy: { mode: 'none', allow: [], deny: [] }, maxRetries: 0, env });
  const stdin = encodeTurn(request, { hooks: [], servers: [] });
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const child = spawn(cliPath, spec.args, { cwd, env: spec.env, stdio: ['pipe', 'pipe', 'ignore'] });
    child.stdin.end(stdin);
    let firstContentMs: number | undefined;
    let buffered = '';
    child.stdout.setEncoding('utf8').on('data', (text: string) => {
      buffered += text;
      if (firstContentMs === undefined && buffered.includes('"text_delta"')) firstContentMs = performance.now() - started;
      if (buffered.includes('"type":"result"')) resolve({ firstContentMs: firstContentMs ?? NaN, totalMs: performance.now() - started });
    });
    child.on('error', reject);
  });
}

const body = (stream: boolean, extra: Record<string, unknown> = {}) =>
  JSON.stringify({ model: 'sonnet', stream, messages: [{ role: 'system', content: 'You are terse.' }, { role: 'user', content: 'Say hello.' }], ...extra });

/** Non-streaming: the whole completion. */
export async function timeGatewayCompletion(url: string): Promise<number> {
  const started = performance.now();
  const response = await fetch(`${url}/v1/chat/completions`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: body(false) });
  await response.json();
  return performance.now() - started;
}

/** Streaming: the first chunk that carries content. `extra` replaces or adds request fields (tools, messages). */
export function timeGatewayFirstContent(url: string, extra: Record<string, unknown> = {}): Promise<number> {
  return timeFirstMatch(`${url}/v1/chat/completions`, body(true, extra), /"content":"[^"]/);
}

/** The same request through the Anthropic front: the first text delta that carries text. */
export function timeMessagesFirstContent(url: string): Promise<number> {
  const messages = JSON.stringify({ model: 'sonnet', stream: true, max_tokens: 1024, system: 'You are terse.', messages: [{ role: 'user', content: 'Say hello.' }] });
  return timeFirstMatch(`${url}/v1/messages`, messages, /"text_delta","text":"[^"]/);
}

async function timeFirstMatch(url: string, payload: string, firstContent: RegExp): Promise<number> {
  const started = performance.now();
  const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', 'anthropic-version': '2023-06-01' }, body: payload });
  const decoder = new TextDecoder();
  let seen = '';
  let firstContentMs = NaN;
  for await (const bytes of response.body!) {
    seen += decoder.decode(bytes as Uint8Array, { stream: true });
    if (Number.isNaN(firstContentMs) && firstContent.test(seen)) firstContentMs = performance.now() - started;
  }
  return firstContentMs;
}
