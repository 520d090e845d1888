import { pngBase64, pngDataUrl, serveFiles } from '../support/images.js';
import { startGateway, type GatewayUnderTest } from '../support/start-gateway.js';

/** The real CLI, started by the gateway, talking to the test's fake Anthropic API. */
describe('chat completions end to end (real claude CLI)', () => {
  let gateway: GatewayUnderTest;
  beforeAll(async () => {
    gateway = await startGateway({ toolPolicy: { mode: 'none', allow: [], deny: [] } });
  });
  afterAll(() => gateway.close());

  const lastRequest = () => gateway.upstream.requests.at(-1)!;
  const systemTexts = () => (lastRequest().body.system ?? []).map((block) => block.text);
  const userTexts = () =>
    (lastRequest().body.messages ?? [])
      .filter((m) => m.role === 'user')
      .flatMap((m) => (m.content as Array<{ text?: string }>).map((block) => block.text ?? ''));

  test('non-streaming: the official client gets the upstream text and usage', async () => {
    gateway.upstream.script({ kind: 'text', chunks: ['Hello', ' from', ' upstream.'] });
    const completion = await gateway.client.chat.completions.create({
      model: 'gpt-4o',
      messages: [{ role: 'system', content: 'You are a terse test bot.' }, { role: 'user', content: 'Say hello.' }],
    });
    expect(completion.choices[0]!.message.content).toBe('Hello from upstream.');
    expect(completion.choices[0]!.finish_reason).toBe('stop');
    expect(completion.model).toBe('gpt-4o');
    expect(completion.usage).toMatchObject({ prompt_tokens: 29, completion_tokens: 7, total_tokens: 36, prompt_tokens_details: { cached_tokens: 5 } });
    expect(lastRequest().body.model).toBe('claude-sonnet-5'); // gpt-4o → sonnet → the CLI's current Sonnet
  });

  test('the system prompt reaches the upstream as system, and the default Claude Code prompt does not', async () => {
    await gateway.client.chat.completions.create({
      model: 'sonnet',
      messages: [{ role: 'system', content: 'You are a terse test bot.' }, { role: 'user', content: 'Hi' }],
    });
    const system = systemTexts();
    expect(system).toContain('You are a terse test bot.');
    expect(system.join('\n')).not.toMatch(/software engineering tasks|# Environment|# Memory/);
    expect(system.join('').length).toBeLessThan(400); // billing line + identity line + ours
  });

  test('without a system message no system prompt of Claude Code is sent either', async () => {
    await gateway.client.chat.completions.create({ model: 'sonnet', messages: [{ role: 'user', content: 'Hi' }] });
    expect(systemTexts().join('').length).toBeLessThan(200);
  });

  test('streaming: content deltas arrive in order, with a final finish_reason and usage', async () => {
    gateway.upstream.script({ kind: 'text', chunks: ['one ', 'two ', 'three'], delayMs: 20 });
    const stream = await gateway.client.chat.completions.create({
      model: 'sonnet',
      messages: [{ role: 'user', content: 'Count.' }],
      stream: true,
      stream_options: { include_usage: true },
    });
    const deltas: string[] = [];
    let finishReason: string | null = null;
    let usage: unknown;
    for await (const chunk of stream) {
      const choice = chunk.choices[0];
      if (choice?.delta.content) deltas.push(choice.delta.content);
      if (choice?.finish_reason) finishReason = choice.finish_reason;
      if (chunk.usage) usage = chunk.usage;
    }
    expect(deltas).toEqual(['one ', 'two ', 'three']);
    expect(finishReason).toBe('stop');
    expect(usage).toMatchObject({ completion_tokens: 7 });
  });

  test('every turn reaches the model in blocks of its own, the last one included', async () => {
    await gateway.client.chat.completions.create({
      model: 'sonnet',
      messages: [
        { role: 'user', content: 'My name is Bob.' },
        { role: 'assistant', content: 'Nice to meet you, Bob.' },
        { role: 'user', content: 'What is my name?' },
      ],
    });
    const texts = userTexts();
    expect(texts.slice(-3)).toEqual(['<user>\nMy name is Bob.\n</user>', '<assistant>\nNice to meet you, Bob.\n</assistant>', '<user>\nWhat is my name?\n</user>']);
  });

  test('a message that looks like a slash command still reaches the model', async () => {
    const before = gateway.upstream.requests.length;
    await gateway.client.chat.completions.create({ model: 'sonnet', messages: [{ role: 'user', content: '/cost' }] });
    expect(gateway.upstream.requests.length).toBe(before + 1);
    expect(userTexts().at(-1)).toBe('<user>\n/cost\n</user>');
  });

  test('images reach the model as image blocks with their bytes, in the last turn and in earlier ones', async () => {
    const files = await serveFiles({ '/cat.png': { type: 'image/png', body: Buffer.from(pngBase64, 'base64') } });
    try {
      await gateway.client.chat.completions.create({
        model: 'sonnet',
        messages: [
          { role: 'user', content: [{ type: 'text', text: 'Remember this one.' }, { type: 'image_url', image_url: { url: `${files.url}/cat.png` } }] },
          { role: 'assistant', content: 'Noted.' },
          { role: 'user', content: [{ type: 'text', text: 'And this one?' }, { type: 'image_url', image_url: { url: pngDataUrl } }] },
        ],
      });
    } finally {
      files.server.close();
    }
    const content = (lastRequest().body.messages ?? []).flatMap((m) => (m.role === 'user' ? (m.content as Array<Record<string, any>>) : []));
    const images = content.filter((block) => block.type === 'image');
    expect(images).toHaveLength(2);
    for (const block of images) expect(block.source).toEqual({ type: 'base64', media_type: 'image/png', data: pngBase64 });
    const order = content.map((block) => (block.type === 'image' ? '[image]' : String(block.text)));
    const first = order.findIndex((t) => t.includes('Remember this one.'));
    expect(order[first + 1]).toBe('[image]'); // the history image stays where it was in the conversation
    expect(order.slice(-3)).toEqual(['<user>\nAnd this one?', '[image]', '\n</user>']); // and the last turn's, in its own
  });
});
