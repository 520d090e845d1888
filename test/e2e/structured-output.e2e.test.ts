import { APIError } from 'openai';
import { startGateway, type GatewayUnderTest } from '../support/start-gateway.js';

const person = {
  type: 'json_schema' as const,
  json_schema: {
    name: 'person',
    strict: true,
    schema: { type: 'object', properties: { name: { type: 'string' }, age: { type: 'number' } }, required: ['name', 'age'] },
  },
};
const answer = { kind: 'tool_use' as const, chunks: ['Sure.'], calls: [{ name: 'StructuredOutput', input: { name: 'Alice', age: 30 } }] };
const ask = [{ role: 'user' as const, content: 'Who is the first user?' }];

describe('structured output end to end (real claude CLI)', () => {
  let gateway: GatewayUnderTest;
  beforeAll(async () => {
    gateway = await startGateway({ toolPolicy: { mode: 'none', allow: [], deny: [] } });
  });
  afterAll(() => gateway.close());

  test('json_schema: the schema reaches the model as the StructuredOutput tool; the content is the validated JSON', async () => {
    gateway.upstream.script(answer);
    const completion = await gateway.client.chat.completions.create({ model: 'sonnet', messages: ask, response_format: person });
    expect(JSON.parse(completion.choices[0]!.message.content!)).toEqual({ name: 'Alice', age: 30 });
    expect(completion.choices[0]!.finish_reason).toBe('stop');
    const tool = (gateway.upstream.requests.at(-1)!.body.tools as unknown as Array<{ name: string; input_schema: unknown }>)[0];
    expect(tool).toMatchObject({ name: 'StructuredOutput', input_schema: person.json_schema.schema });
  });

  test('json_schema, streaming: the content chunks join to the validated JSON', async () => {
    gateway.upstream.script(answer);
    const stream = await gateway.client.chat.completions.create({ model: 'sonnet', messages: ask, response_format: person, stream: true });
    let content = '';
    for await (const chunk of stream) content += chunk.choices[0]?.delta.content ?? '';
    expect(JSON.parse(content)).toEqual({ name: 'Alice', age: 30 });
  });

  test('json_object: the content parses as a JSON object', async () => {
    gateway.upstream.script({ kind: 'tool_use', calls: [{ name: 'StructuredOutput', input: { ok: true } }] });
    const completion = await gateway.client.chat.completions.create({ model: 'sonnet', messages: ask, response_format: { type: 'json_object' } });
    expect(JSON.parse(completion.choices[0]!.message.content!)).toEqual({ ok: true });
  });

  test('a model that will not produce the structure gives an error saying so, not invalid JSON', async () => {
    gateway.upstream.script({ kind: 'text', chunks: ['No.'] }, { kind: 'text', chunks: ['Still no.'] });
    const error = await gateway.client.chat.completions.create({ model: 'sonnet', messages: ask, response_format: person }).then(
      () => undefined,
      (thrown: unknown) => thrown,
    );
    expect(error).toBeInstanceOf(APIError);
    expect((error as APIError).status).toBe(502);
    expect((error as APIError).code).toBe('invalid_model_output');
  });

  test('streaming too: a refusal before any output is a plain 502, not a stream with an error in it', async () => {
    gateway.upstream.script({ kind: 'text', chunks: ['No.'] }, { kind: 'text', chunks: ['Still no.'] });
    const response = await fetch(`${gateway.url}/v1/chat/completions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ model: 'sonnet', messages: ask, response_format: person, stream: true }),
    });
    expect(response.status).toBe(502);
    expect(await response.json()).toMatchObject({ error: { code: 'invalid_model_output' } });
  });
});
