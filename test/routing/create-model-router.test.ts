import { createModelCatalog } from '../../src/core/model-catalog.js';
import { createModelRouter } from '../../src/routing/create-model-router.js';
import { routingFileSchema } from '../../src/routing/routing-file-schema.js';
import { createFakeBackend } from '../support/fake-backend.js';
import { modelRequest } from '../support/model-request.js';
import { pngBase64 } from '../support/images.js';

const cli = createFakeBackend().backend;
const local = createFakeBackend().backend;
const catalog = createModelCatalog({ defaultModel: 'sonnet', aliases: new Map([['gpt-4o', 'sonnet']]) });

const routerFor = (file: unknown) =>
  createModelRouter({ file: routingFileSchema.parse(file), cli, catalog, providers: new Map([['local', local]]) });

const provider = { name: 'local', type: 'openai', base_url: 'http://127.0.0.1:11434/v1', models: ['qwen3:8b'] };
const classes = {
  providers: [provider],
  models: { qwen: 'local/qwen3:8b', 'claude-haiku-4-5': 'local/mapped' },
  router: {
    default: 'local/default',
    background: 'local/background',
    think: 'local/think',
    long_context: 'local/long',
    long_context_threshold: 1000,
    web_search: 'claude-cli/sonnet',
    image: 'local/vision',
  },
};

describe('the model router', () => {
  test('without a config file: Claude names and MODEL_ALIASES go to the CLI, anything else is a 404', () => {
    const router = routerFor({});
    expect(router.select(modelRequest({ model: 'opus' }))).toMatchObject({ backend: cli, route: 'claude-cli/opus', request: { model: 'opus' } });
    expect(router.select(modelRequest({ model: 'gpt-4o' })).route).toBe('claude-cli/sonnet');
    expect(() => router.select(modelRequest({ model: 'llama3' }))).toThrow(expect.objectContaining({ code: 'model_not_found' }));
    expect(router.defaultModel).toBe('sonnet');
  });

  test('every router class picks what the config says, in order; the models map wins over classes', () => {
    const router = routerFor(classes);
    const route = (overrides: Parameters<typeof modelRequest>[0]) => router.select(modelRequest(overrides));
    expect(route({ model: 'qwen' })).toMatchObject({ backend: local, route: 'local/qwen3:8b', request: { model: 'qwen3:8b' }, class: undefined });
    expect(route({ model: 'claude-sonnet-5' })).toMatchObject({ route: 'local/default', class: 'default' });
    expect(route({ model: 'claude-haiku-4-5-20251001' })).toMatchObject({ route: 'local/background', class: 'background' });
    expect(route({ model: 'claude-haiku-4-5' }).route).toBe('local/mapped'); // models wins
    expect(route({ model: 'sonnet', thinking: { type: 'budget', tokens: 2048 } })).toMatchObject({ route: 'local/think', class: 'think' });
    expect(route({ model: 'sonnet', messages: [{ role: 'user', content: [{ type: 'text', text: 'x'.repeat(4004) }] }] })).toMatchObject({ route: 'local/long', class: 'long_context' });
    expect(route({ model: 'sonnet', builtinTools: { names: ['WebSearch'], param: 'tools[0]' } })).toMatchObject({ backend: cli, route: 'claude-cli/sonnet', class: 'web_search' });
    expect(route({ model: 'sonnet', messages: [{ role: 'user', content: [{ type: 'image', mediaType: 'image/png', data: pngBase64 }] }] })).toMatchObject({ route: 'local/vision', class: 'image' });
    // long context outranks background
    expect(route({ model: 'claude-haiku-4-5-20251001', messages: [{ role: 'user', content: [{ type: 'text', text: 'x'.repeat(4004) }] }] }).class).toBe('long_context');
    // an environment alias routes as it says, before classes; "<provider>/<model>" names a provider's model directly
    expect(route({ model: 'gpt-4o' }).route).toBe('claude-cli/sonnet');
    expect(route({ model: 'local/qwen3:8b' })).toMatchObject({ backend: local, request: { model: 'qwen3:8b' } });
    expect(route({ model: 'claude-cli/gpt-4o' })).toMatchObject({ backend: cli, request: { model: 'sonnet' } });
    // a provider serves what the file lists for it: nobody spends its key on other models
    expect(() => route({ model: 'local/anything' })).toThrow(expect.objectContaining({ code: 'model_not_found' }));
  });

  test('overrides: "*" first, then the target\'s own, forced over what the request says', () => {
    const router = routerFor({
      providers: [provider],
      models: { qwen: 'local/qwen3:8b' },
      overrides: { '*': { temperature: 0.5, seed: 1 }, 'local/qwen3:8b': { max_tokens: 4096, temperature: 0.2 } },
    });
    const { request } = router.select(modelRequest({ model: 'qwen', maxOutputTokens: 100, sampling: { temperature: 1, topP: 0.9 } }));
    expect(request).toMatchObject({ maxOutputTokens: 4096, sampling: { temperature: 0.2, topP: 0.9, seed: 1 } });
    expect(router.select(modelRequest({ model: 'sonnet', sampling: { logprobs: 2 } })).request.sampling).toEqual({ temperature: 0.5, topP: undefined, seed: 1, logprobs: 2 });
  });

  test('GET /v1/models: configured names and provider models beside the CLI\'s', () => {
    const ids = routerFor(classes).list().map((model) => model.id);
    expect(ids).toEqual(expect.arrayContaining(['qwen', 'local/qwen3:8b', 'sonnet', 'gpt-4o']));
  });
});

describe('the config file schema', () => {
  test.each([
    [{ models: { qwen: 'nowhere/qwen' } }, /no provider named 'nowhere'/],
    [{ models: { qwen: 'qwen' } }, /a target is .*<provider>\/<model>/],
    [{ providers: [provider, provider] }, /named twice/],
    [{ providers: [{ ...provider, name: 'claude-cli' }] }, /built-in provider/],
    [{ providers: [{ ...provider, base_url: 'file:///etc/passwd' }] }, /http\(s\) URL/],
    [{ router: { default: 'local/x' } }, /no provider named 'local'/],
    [{ overrides: { '*': { temprature: 1 } } }, /temprature/],
    [{ providers: [{ ...provider, prices: { 'qwen3:8b': { input: 1 } } }] }, /"path":\["providers",0,"prices","qwen3:8b","output"\]/],
    [{ providers: [{ ...provider, prices: { 'qwen3:8b': { input: -1, output: 0 } } }] }, /"input"/],
    [{ providers: [{ ...provider, prices: { 'qwen3:8b': { input: 1, output: 2, cached: 0.1 } } }] }, /cached/],
  ])('%j is refused', (file, message) => {
    const parsed = routingFileSchema.safeParse(file);
    expect(parsed.success).toBe(false);
    expect(JSON.stringify(parsed.error!.issues)).toMatch(message);
  });
});
