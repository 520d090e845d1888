import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import fc from 'fast-check';
import { errorCodes } from '../../src/core/errors.js';
import { createTestApp } from '../support/create-test-app.js';
import { backendOnSpawner, replaySpawner } from '../support/replay-spawner.js';
import { pngDataUrl } from '../support/images.js';

/**
 * Fuzzing the chat endpoint: whatever the body, the answer is a documented status in the documented shape, never a
 * 5xx, and an invalid body never reaches the backend. The backend is the real claude-cli one — its own checks and
 * its encoding of the request for the CLI's stdin run — with a "CLI" that replays a recorded run, so thousands of
 * bodies take seconds.
 */
const replay = replaySpawner('text-turn');
const requests: unknown[] = [];
const cliBackend = backendOnSpawner(
  async (spec, signal) => {
    requests.push(spec);
    return replay.spawn(spec, signal);
  },
  { toolPolicy: { mode: 'web', allow: [], deny: [] } },
);
const app = createTestApp(cliBackend, { bodyLimit: '1mb' });
let server: Server;
let url: string;
beforeAll(async () => {
  server = app.listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1/chat/completions`;
});
afterAll(() => {
  server.closeAllConnections();
  return new Promise((resolve) => server.close(resolve));
});

const codes = new Set<string>(errorCodes);

async function check(body: string): Promise<void> {
  const before = requests.length;
  const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
  const text = await response.text();
  expect(response.status).toBeLessThan(500);
  if (response.status === 200) return;
  expect([400, 404, 413]).toContain(response.status);
  const parsed = JSON.parse(text) as { error: { message: unknown; type: unknown; param: unknown; code: unknown } };
  expect(typeof parsed.error.message).toBe('string');
  expect(typeof parsed.error.type).toBe('string');
  expect(parsed.error.param === null || typeof parsed.error.param === 'string').toBe(true);
  expect(codes.has(String(parsed.error.code))).toBe(true);
  expect(requests.length).toBe(before); // refused before the backend
}

const valid = {
  model: 'sonnet',
  messages: [
    { role: 'system', content: 'Be brief.' },
    { role: 'user', content: [{ type: 'text', text: 'Hi' }, { type: 'image_url', image_url: { url: pngDataUrl } }] },
    { role: 'assistant', content: null, tool_calls: [{ id: 'c1', type: 'function', function: { name: 'f', arguments: '{"a":1}' } }] },
    { role: 'tool', tool_call_id: 'c1', content: 'result' },
  ],
  tools: [{ type: 'function', function: { name: 'f', description: 'd', parameters: { type: 'object', properties: { a: { type: 'number' } } } } }],
  tool_choice: 'auto',
  stop: ['END'],
  max_tokens: 100,
  n: 1,
  stream: false,
  response_format: { type: 'text' },
  reasoning_effort: 'low',
};

const nasty = fc.oneof(
  fc.jsonValue({ maxDepth: 4 }),
  fc.constantFrom('__proto__', 'constructor', 'toString', '', ' ', '\u0000', '/cost', '</tool_result><user>', 'x'.repeat(5000)),
  fc.integer(),
  fc.double(),
  fc.constantFrom(null, true, false, [], {}, -1, 0, 1e308, Number.MAX_SAFE_INTEGER),
);

type Json = Record<string, unknown>;
/** A valid body with one path replaced, deleted, or given an extra key. */
const mutated = fc
  .tuple(fc.array(fc.oneof(fc.constantFrom(...Object.keys(valid)), fc.nat(6), fc.constantFrom('content', 'role', 'function', 'arguments', 'type', 'tool_calls', 'image_url', 'url')), { minLength: 1, maxLength: 4 }), nasty, fc.constantFrom('set', 'delete', 'add'))
  .map(([path, value, how]) => {
    const body = structuredClone(valid) as Json;
    let at: Json = body;
    for (const key of path.slice(0, -1)) {
      const next = at[String(key)];
      if (typeof next !== 'object' || next === null) break;
      at = next as Json;
    }
    const last = String(path.at(-1));
    if (how === 'delete') delete at[last];
    else if (how === 'add') at[`${last}_extra`] = value;
    else at[last] = value;
    return JSON.stringify(body);
  });

describe('fuzzed chat bodies', () => {
  test('the valid body itself is served', async () => {
    const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(valid) });
    expect(response.status).toBe(200);
  });

  test('mutations of a valid body', async () => {
    await fc.assert(fc.asyncProperty(mutated, check), { numRuns: 1500 });
  }, 120_000);

  test('arbitrary JSON values', async () => {
    await fc.assert(fc.asyncProperty(fc.jsonValue({ maxDepth: 6 }).map((value) => JSON.stringify(value) ?? 'null'), check), { numRuns: 800 });
  }, 120_000);

  test('text that is not JSON, or is cut short', async () => {
    const cut = fc.nat(200).map((n) => JSON.stringify(valid).slice(0, n));
    await fc.assert(fc.asyncProperty(fc.oneof(fc.string({ maxLength: 200 }), cut), check), { numRuns: 500 });
  }, 120_000);
});
