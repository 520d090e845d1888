import { processGone, startGateway, type GatewayUnderTest } from '../support/start-gateway.js';

const ask = [{ role: 'user' as const, content: 'Go on.' }];

describe('stop and max_tokens end to end (real claude CLI)', () => {
  let gateway: GatewayUnderTest;
  beforeAll(async () => {
    gateway = await startGateway({ toolPolicy: { mode: 'none', allow: [], deny: [] } });
  });
  afterAll(() => gateway.close());

  test('stop sequences go upstream, and the answer ends before the first one with finish_reason stop', async () => {
    gateway.upstream.script({ kind: 'text', chunks: ['First part. ', 'END', ' never seen'] });
    const completion = await gateway.client.chat.completions.create({ model: 'sonnet', messages: ask, stop: ['END', 'HALT'] });
    expect(gateway.upstream.requests.at(-1)!.body.stop_sequences).toEqual(['END', 'HALT']);
    expect(completion.choices[0]!.message.content).toBe('First part. ');
    expect(completion.choices[0]!.finish_reason).toBe('stop');
  });

  test('a stop the API would refuse (whitespace only) is cut by the gateway, in a stream, and the CLI is stopped', async () => {
    gateway.upstream.script({ kind: 'text', chunks: ['line one', '\nline', ' two'], delayMs: 50 });
    const stream = await gateway.client.chat.completions.create({ model: 'sonnet', messages: ask, stop: '\n', stream: true, stream_options: { include_usage: true } });
    let content = '';
    let finish: string | null = null;
    let completionTokens = 0;
    for await (const chunk of stream) {
      content += chunk.choices[0]?.delta.content ?? '';
      finish = chunk.choices[0]?.finish_reason ?? finish;
      completionTokens = chunk.usage?.completion_tokens ?? completionTokens;
    }
    expect(gateway.upstream.requests.at(-1)!.body.stop_sequences).toBeUndefined();
    expect(content).toBe('line one');
    expect(finish).toBe('stop');
    expect(completionTokens).toBe(2); // tiktoken's estimate for "line one"
    expect(await processGone(gateway.pids.at(-1)!, 1000)).toBe(true);
  });

  test('max_tokens reaches the upstream, and a length stop ends the answer with no continuation call', async () => {
    gateway.upstream.script({ kind: 'text', chunks: ['Cut sh'], stopReason: 'max_tokens' });
    const before = gateway.upstream.requests.length;
    const completion = await gateway.client.chat.completions.create({ model: 'sonnet', messages: ask, max_tokens: 5 });
    expect(gateway.upstream.requests.at(-1)!.body.max_tokens).toBe(5);
    // The CLI would ask the model to go on (up to three times); the gateway ends the answer at the cut and stops it.
    // Under load the CLI's first continuation request sometimes leaves before it is stopped: it is never answered
    // into the response (the content below is only the cut text), but the count may show it.
    expect(gateway.upstream.requests.length - before).toBeLessThanOrEqual(2);
    expect(completion.choices[0]!.message.content).toBe('Cut sh');
    expect(completion.choices[0]!.finish_reason).toBe('length');
    expect(completion.usage).toMatchObject({ completion_tokens: 7, prompt_tokens: 29 });
  });

  test('max_completion_tokens is the same limit', async () => {
    await gateway.client.chat.completions.create({ model: 'sonnet', messages: ask, max_completion_tokens: 42 });
    expect(gateway.upstream.requests.at(-1)!.body.max_tokens).toBe(42);
  });

  test('reasoning_effort reaches the model as the effort level, and thinking streams as reasoning_content', async () => {
    gateway.upstream.script({ kind: 'text', thinking: ['Two and ', 'two.'], chunks: ['4'] });
    const stream = await gateway.client.chat.completions.create({
      model: 'sonnet',
      messages: ask,
      reasoning_effort: 'low',
      stream: true,
      include_reasoning: true,
    } as Parameters<typeof gateway.client.chat.completions.create>[0] & { stream: true });
    let reasoning = '';
    let content = '';
    for await (const chunk of stream) {
      reasoning += (chunk.choices[0]?.delta as { reasoning_content?: string } | undefined)?.reasoning_content ?? '';
      content += chunk.choices[0]?.delta.content ?? '';
    }
    expect(gateway.upstream.requests.at(-1)!.body.output_config).toEqual({ effort: 'low' });
    expect(reasoning).toBe('Two and two.');
    expect(content).toBe('4');
  });

  test('n: 2 runs two independent completions', async () => {
    gateway.upstream.script({ kind: 'text', chunks: ['one'] }, { kind: 'text', chunks: ['two'] });
    const before = gateway.upstream.requests.length;
    const completion = await gateway.client.chat.completions.create({ model: 'sonnet', messages: ask, n: 2 });
    expect(gateway.upstream.requests.length).toBe(before + 2);
    expect(completion.choices.map((c) => c.message.content).sort()).toEqual(['one', 'two']);
    expect(completion.usage!.completion_tokens).toBe(14);
  });
});
