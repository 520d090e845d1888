import Anthropic from '@anthropic-ai/sdk';
import { once } from 'node:events';
import OpenAI from 'openai';
import { z } from 'zod';
import { checkBuilt, startBuiltCli, type CliRun } from '../support/built-cli.js';
import { bundledCliPath, makeCliDirs } from '../support/cli-under-test.js';
import { encodePng } from '../support/png.js';
import { poolSizeUnderTest } from '../support/start-gateway.js';

const weatherTool: OpenAI.Chat.Completions.ChatCompletionTool = {
  type: 'function',
  function: {
    name: 'get_weather',
    description: 'Current weather for a city',
    parameters: { type: 'object', properties: { city: { type: 'string' }, unit: { type: 'string', enum: ['celsius', 'fahrenheit'] } }, required: ['city', 'unit'] },
  },
};
const personSchema = {
  type: 'object',
  properties: {
    name: { type: 'string' },
    age: { type: 'integer', minimum: 0 },
    tags: { type: 'array', items: { type: 'string' }, minItems: 2 },
    address: { type: 'object', properties: { city: { type: 'string' }, zip: { type: 'string', maxLength: 5 } }, required: ['city', 'zip'], additionalProperties: false },
  },
  required: ['name', 'age', 'tags', 'address'],
  additionalProperties: false,
};

/** The built command in demo mode, end to end: the real bundled CLI against the demo upstream the gateway starts. */
describe('claude-code-gateway --demo', () => {
  let run: CliRun;
  let url: string;
  let openai: OpenAI;
  beforeAll(async () => {
    checkBuilt();
    const { home, sandbox } = makeCliDirs();
    run = startBuiltCli(['--demo', '--port', '0'], {
      PATH: '/usr/bin:/bin',
      HOME: home,
      SANDBOX_DIR: sandbox,
      CLAUDE_CLI_PATH: bundledCliPath,
      CLI_POOL_SIZE: String(poolSizeUnderTest),
      // The user's own endpoint and key: demo mode must use neither (this port refuses every connection).
      ANTHROPIC_BASE_URL: 'http://127.0.0.1:9',
      ANTHROPIC_API_KEY: 'sk-ant-not-for-the-demo',
    });
    for (let waited = 0; !url && waited < 60_000; waited += 100) {
      url = /the gateway listens on (http:\/\/127\.0\.0\.1:\d+)/.exec(run.stdout())?.[1] ?? '';
      if (!url) await new Promise((resolve) => setTimeout(resolve, 100));
    }
    if (!url) throw new Error(`no URL printed:\n${run.stdout()}\n${run.stderr()}`);
    openai = new OpenAI({ baseURL: `${url}/v1`, apiKey: 'demo', maxRetries: 0 });
  }, 70_000);
  afterAll(async () => {
    if (run.child.exitCode !== null) return;
    run.child.kill('SIGTERM');
    const killer = setTimeout(() => run.child.kill('SIGKILL'), 15_000);
    await once(run.child, 'exit');
    clearTimeout(killer);
  }, 20_000);

  test('prints how to point curl, the SDKs and Claude Code at it, and its start-up steps on stderr, one line each', () => {
    const printed = run.stdout();
    expect(printed).toContain(`curl ${url}/v1/chat/completions`);
    expect(printed).toContain(`baseURL: '${url}/v1'`);
    expect(printed).toContain(`baseURL: '${url}'`);
    expect(printed).toContain(`ANTHROPIC_BASE_URL=${url} `);
    expect(printed).toContain('not from Claude');
    const steps = run.stderr().split('\n');
    expect(steps).toContainEqual(expect.stringMatching(/^Starting the demo upstream… ok \(http:\/\/127\.0\.0\.1:\d+, \d+ ms\)$/));
    expect(steps).toContainEqual(expect.stringMatching(/^Checking the Claude Code CLI… ok \(CLAUDE_CLI_PATH, 2\.1\.197, \d+ ms\)$/));
    expect(steps).toContainEqual(expect.stringMatching(/^Warming the CLI pool… ok \(.*\d+ ms\)$/));
  });

  test('a chat completion echoes the text and says it comes from the demo model', async () => {
    const response = await fetch(`${url}/v1/chat/completions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ model: 'sonnet', messages: [{ role: 'user', content: 'Hello, gateway!' }] }),
    });
    expect(response.status).toBe(200);
    const body = (await response.json()) as OpenAI.Chat.Completions.ChatCompletion;
    expect(body.choices[0]!.message.content).toBe('[demo model] You said: "Hello, gateway!"');
    expect(body.choices[0]!.finish_reason).toBe('stop');
  }, 60_000);

  test("a tool call round trip with the OpenAI SDK: the client's tool is called with arguments valid for its schema, and its result quoted", async () => {
    const messages: OpenAI.Chat.Completions.ChatCompletionMessageParam[] = [{ role: 'user', content: 'What is the weather in Paris?' }];
    const first = await openai.chat.completions.create({ model: 'sonnet', messages, tools: [weatherTool] });
    const choice = first.choices[0]!;
    expect(choice.finish_reason).toBe('tool_calls');
    const call = choice.message.tool_calls![0]! as OpenAI.Chat.Completions.ChatCompletionMessageFunctionToolCall;
    expect(call.function.name).toBe('get_weather');
    expect(z.fromJSONSchema(weatherTool.function.parameters as never).safeParse(JSON.parse(call.function.arguments)).success).toBe(true);
    messages.push(choice.message, { role: 'tool', tool_call_id: call.id, content: 'Sunny, 22 degrees' });
    const second = await openai.chat.completions.create({ model: 'sonnet', messages, tools: [weatherTool] });
    expect(second.choices[0]!.finish_reason).toBe('stop');
    expect(second.choices[0]!.message.content).toBe('[demo model] get_weather returned: "Sunny, 22 degrees"');
  }, 90_000);

  test('structured output: the answer is JSON valid against the schema', async () => {
    const completion = await openai.chat.completions.create({
      model: 'sonnet',
      messages: [{ role: 'user', content: 'Make up a person.' }],
      response_format: { type: 'json_schema', json_schema: { name: 'person', strict: true, schema: personSchema } },
    });
    const answer: unknown = JSON.parse(completion.choices[0]!.message.content!);
    const checked = z.fromJSONSchema(personSchema as never).safeParse(answer);
    expect({ answer, issues: checked.error?.issues }).toEqual({ answer, issues: undefined });
    expect((answer as { tags: unknown[] }).tags.length).toBeGreaterThanOrEqual(2);
  }, 60_000);

  test('an image is described with its media type, size and pixel dimensions', async () => {
    const png = encodePng(3, 2);
    const completion = await openai.chat.completions.create({
      model: 'sonnet',
      messages: [{ role: 'user', content: [{ type: 'text', text: 'What is this?' }, { type: 'image_url', image_url: { url: `data:image/png;base64,${png.toString('base64')}` } }] }],
    });
    expect(completion.choices[0]!.message.content).toBe(`[demo model] Image 1: image/png, ${png.length} bytes, 3×2 pixels. You said: "What is this?"`);
  }, 60_000);

  test('the Anthropic SDK gets an answer from /v1/messages, streamed and not', async () => {
    const anthropic = new Anthropic({ baseURL: url, apiKey: 'demo', maxRetries: 0 });
    const message = await anthropic.messages.create({ model: 'sonnet', max_tokens: 1024, messages: [{ role: 'user', content: 'Hi from the Anthropic SDK' }] });
    expect(message.content).toEqual([expect.objectContaining({ type: 'text', text: '[demo model] You said: "Hi from the Anthropic SDK"' })]);
    const stream = anthropic.messages.stream({ model: 'sonnet', max_tokens: 1024, messages: [{ role: 'user', content: 'Stream, please' }] });
    const deltas: string[] = [];
    stream.on('text', (delta) => deltas.push(delta));
    const streamed = await stream.finalMessage();
    expect(deltas.join('')).toBe('[demo model] You said: "Stream, please"');
    expect(deltas.length).toBeGreaterThan(1);
    expect(streamed.stop_reason).toBe('end_turn');
  }, 90_000);

  test('SIGTERM stops it with exit code 0', async () => {
    run.child.kill('SIGTERM');
    const [code] = await once(run.child, 'exit');
    expect(code).toBe(0);
  }, 20_000);
});
