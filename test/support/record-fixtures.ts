/**
 * Records real CLI runs against the fake upstream into test/fixtures/*.ndjson, the replayed input of the decoder
 * tests and the benchmark. Run after upgrading the CLI: `npx tsx test/support/record-fixtures.ts [name …]` (all
 * scenarios when no name is given).
 */
import { writeFileSync } from 'node:fs';
import { answerControlRequests } from '../../src/backends/claude-cli/answer-control-requests.js';
import { createClientToolsServer, deferClientTools } from '../../src/backends/claude-cli/client-tools.js';
import { decodeRecords } from '../../src/backends/claude-cli/decode-records.js';
import { encodeRunSettings } from '../../src/backends/claude-cli/encode-run-settings.js';
import { encodeSpawn } from '../../src/backends/claude-cli/encode-spawn.js';
import { encodeTurn } from '../../src/backends/claude-cli/encode-turn.js';
import { runTurn } from '../../src/backends/claude-cli/run-turn.js';
import { createCliSpawner } from '../../src/backends/claude-cli/spawn-cli.js';
import type { ToolPolicy } from '../../src/backends/claude-cli/resolve-tools.js';
import type { ModelRequest } from '../../src/core/model-request.js';
import { recordedQuotaReset } from './fixtures.js';
import { modelRequest } from './model-request.js';
import { bundledCliPath, cliEnvFor, makeCliDirs } from './cli-under-test.js';
import { startFakeAnthropic, subscriptionHeaders, type Reply } from './fake-anthropic.js';

const weather = { name: 'get_weather', description: 'Weather for a city', inputSchema: { type: 'object', properties: { city: { type: 'string' } } } };
const person = { type: 'json' as const, schema: { type: 'object', properties: { name: { type: 'string' }, age: { type: 'number' } }, required: ['name', 'age'] } };

const scenarios: Record<string, { replies: Reply[]; loggedIn?: boolean; subscription?: boolean; request?: Partial<ModelRequest>; toolPolicy?: ToolPolicy }> = {
  'text-turn': { replies: [{ kind: 'text', chunks: ['Hello', ', world', '! How can I help?'] }] },
  'thinking-turn': { replies: [{ kind: 'text', thinking: ['Let me ', 'think.'], chunks: ['The answer', ' is 4.'] }] },
  'fallback-after-break': { replies: [{ kind: 'break', chunks: ['Partial '] }, { kind: 'text', chunks: ['Partial answer, complete.'] }] },
  'upstream-401': { replies: [{ kind: 'error', status: 401, type: 'authentication_error' }] },
  'upstream-429': { replies: [{ kind: 'error', status: 429, type: 'rate_limit_error' }] },
  'upstream-529': { replies: [{ kind: 'error', status: 529, type: 'overloaded_error' }] },
  'upstream-500': { replies: [{ kind: 'error', status: 500, type: 'api_error' }] },
  'not-logged-in': { replies: [], loggedIn: false },
  'client-tool-calls': {
    request: { tools: [weather] },
    replies: [{ kind: 'tool_use', chunks: ['Checking.'], calls: [{ name: 'mcp__client__get_weather', input: { city: 'Paris' } }, { name: 'mcp__client__get_weather', input: { city: 'Rome' } }] }],
  },
  'structured-output': {
    request: { responseFormat: person },
    replies: [{ kind: 'tool_use', chunks: ['Here it is.'], calls: [{ name: 'StructuredOutput', input: { name: 'Alice', age: 30 } }] }],
  },
  'structured-output-refused': {
    request: { responseFormat: person },
    replies: [{ kind: 'text', chunks: ['I would rather not.'] }, { kind: 'text', chunks: ['Still no.'] }],
  },
  // A subscription login (OAuth token): the CLI reports the API's rate-limit headers as a rate_limit_event.
  'quota-warning': {
    subscription: true,
    replies: [{ kind: 'text', chunks: ['Hello', ' again.'], headers: subscriptionHeaders('allowed_warning', recordedQuotaReset, 0.92) }],
  },
  'quota-exhausted': {
    subscription: true,
    replies: [{ kind: 'error', status: 429, type: 'rate_limit_error', message: 'fake usage limit reached', headers: subscriptionHeaders('rejected', recordedQuotaReset, 1) }],
  },
  'long-stream': { replies: [{ kind: 'text', chunks: Array.from({ length: 2000 }, (_, i) => `token${i} `) }] },
  // The CLI's own prompt-length check: nothing goes upstream.
  'prompt-too-long': { replies: [], request: { messages: [{ role: 'user', content: [{ type: 'text', text: 'word '.repeat(220_000) }] }] } },
  // A turn of three API calls: the model searches (the CLI's nested web search request), then answers until max_tokens.
  'usage-across-calls': {
    toolPolicy: { mode: 'web', allow: [], deny: [] },
    replies: [
      { kind: 'tool_use', chunks: ['Let me look.'], calls: [{ name: 'WebSearch', input: { query: 'weather Paris' } }] },
      { kind: 'text', chunks: ['Sunny in Paris.'], usage: { input_tokens: 50, output_tokens: 5, cache_read_input_tokens: 0, cache_creation_input_tokens: 0 } },
      { kind: 'text', chunks: ['It is sunny', ' and warm'], stopReason: 'max_tokens', usage: { input_tokens: 300, output_tokens: 8, cache_read_input_tokens: 100, cache_creation_input_tokens: 0 } },
    ],
  },
};

const only = process.argv.slice(2);
for (const [name, scenario] of Object.entries(scenarios).filter(([name]) => only.length === 0 || only.includes(name))) {
  const upstream = await startFakeAnthropic();
  upstream.script(...scenario.replies);
  const { home, sandbox } = makeCliDirs();
  const request = modelRequest({ system: 'You are terse.', ...scenario.request });
  const env = cliEnvFor(scenario.loggedIn === false ? undefined : upstream, home, { subscription: scenario.subscription });
  const settings = encodeRunSettings(request, undefined);
  const spec = {
    ...encodeSpawn(request, { toolPolicy: scenario.toolPolicy ?? { mode: 'none', allow: [], deny: [] }, maxRetries: 0, env }),
    forRequest: settings.atSpawn, // as the gateway starts a CLI for its request
  };
  const tools = scenario.request?.tools ?? [];
  const extensions = { hooks: tools.length > 0 ? [deferClientTools] : [], servers: tools.length > 0 ? [createClientToolsServer(tools)] : [] };
  const lines: string[] = [];
  const signal = new AbortController().signal;
  const cli = await createCliSpawner({ cliPath: bundledCliPath, cwd: sandbox }).spawn(spec, signal);
  async function* recorded() {
    for await (const line of runTurn(cli, encodeTurn(request, extensions, settings.always), { signal, requestTimeoutMs: 60_000, stallTimeoutMs: 30_000 })) {
      lines.push(line);
      yield line;
    }
  }
  try {
    for await (const record of answerControlRequests(decodeRecords(recorded()), cli, extensions)) if (record.type === 'result') break;
  } catch (error) {
    console.log(`${name}: CLI ended with ${(error as Error).message}`);
  }
  writeFileSync(new URL(`../fixtures/${name}.ndjson`, import.meta.url), `${lines.join('\n')}\n`);
  console.log(`${name}: ${lines.length} lines, ${upstream.requests.length} upstream requests`);
  await upstream.close();
}
