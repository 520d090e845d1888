import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadRoutingFile } from '../../src/routing/load-routing-file.js';

const file = (name: string, text: string) => {
  const path = join(mkdtempSync(join(tmpdir(), 'ccg-routing-')), name);
  writeFileSync(path, text);
  return path;
};

describe('loading the config file', () => {
  test('YAML with ${VAR} from the environment', async () => {
    const path = file('gateway.yaml', 'providers:\n  - name: local\n    type: openai\n    base_url: http://127.0.0.1:11434/v1\n    api_key: ${KEY}\nmodels:\n  qwen: local/qwen3:8b\n');
    const loaded = await loadRoutingFile(path, { KEY: 'sk-1' });
    expect(loaded.providers[0]).toMatchObject({ name: 'local', api_key: 'sk-1', models: [] });
    expect(loaded.models).toEqual({ qwen: 'local/qwen3:8b' });
  });

  test('JSON too', async () => {
    await expect(loadRoutingFile(file('gateway.json', '{"models": {"fast": "claude-cli/haiku"}}'), {})).resolves.toMatchObject({ models: { fast: 'claude-cli/haiku' } });
  });

  test.each([
    ['a missing variable', 'gateway.yaml', 'providers:\n  - name: local\n    type: openai\n    base_url: http://x/v1\n    api_key: ${NOPE}\n', /providers\[0\]\.api_key: the environment variable NOPE is not set/],
    ['a bad field', 'gateway.yaml', 'router:\n  long_context_threshold: -5\n', /router\.long_context_threshold: /],
    ['an unknown field', 'gateway.yaml', 'provider: []\n', /\(the file\): Unrecognized key: "provider"/],
    ['broken YAML', 'gateway.yaml', 'models: [unclosed\n', /not valid YAML/],
    ['broken JSON', 'gateway.json', '{', /not valid JSON/],
  ])('%s stops with the file and the field named', async (_name, name, text, message) => {
    const path = file(name, text);
    await expect(loadRoutingFile(path, {})).rejects.toThrow(message);
    await expect(loadRoutingFile(path, {})).rejects.toThrow(path);
  });

  test('the example in the repository is a valid config file', async () => {
    await expect(loadRoutingFile('gateway.example.yaml', {})).resolves.toMatchObject({ models: { qwen: 'local/qwen3:8b' } });
  });

  test('a file that is not there', async () => {
    await expect(loadRoutingFile('/nonexistent/gateway.yaml', {})).rejects.toThrow(/cannot be read \(ENOENT\)/);
  });
});
