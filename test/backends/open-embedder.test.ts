import { openEmbedder, type EmbedderSettings } from '../../src/backends/open-embedder.js';
import { loadConfig } from '../../src/config.js';

const settings = (env: Record<string, string>): EmbedderSettings => loadConfig(env, '/nonexistent.env').embeddings;

describe('openEmbedder (from the EMBEDDINGS_* settings)', () => {
  test('unset: the bundled model, answering to OpenAI names', async () => {
    const { embedder, aliases } = openEmbedder(settings({}), 10_000);
    expect(embedder.models.map((model) => model.id)).toEqual(['use-lite-512']);
    expect([...aliases]).toEqual([
      ['text-embedding-3-small', 'use-lite-512'],
      ['text-embedding-3-large', 'use-lite-512'],
      ['text-embedding-ada-002', 'use-lite-512'],
    ]);
    await embedder.close?.();
  });

  test('EMBEDDINGS_BASE_URL: the server with EMBEDDINGS_MODEL (text-embedding-3-small unset), no aliases unless named', async () => {
    const server = openEmbedder(settings({ EMBEDDINGS_BASE_URL: 'http://127.0.0.1:9/v1', EMBEDDINGS_MODEL: 'nomic-embed-text' }), 10_000);
    expect(server.embedder.models.map((model) => model.id)).toEqual(['nomic-embed-text']);
    expect(server.aliases.size).toBe(0);
    const unnamed = openEmbedder(settings({ EMBEDDINGS_BASE_URL: 'http://127.0.0.1:9/v1' }), 10_000);
    expect(unnamed.embedder.models.map((model) => model.id)).toEqual(['text-embedding-3-small']);
    const aliased = openEmbedder(settings({ EMBEDDINGS_BASE_URL: 'http://127.0.0.1:9/v1', EMBEDDINGS_MODEL: 'bge-m3', EMBEDDINGS_ALIASES: 'text-embedding-3-small,bge-m3' }), 10_000);
    expect([...aliased.aliases]).toEqual([['text-embedding-3-small', 'bge-m3']]); // never the model's own name
    for (const opened of [server, unnamed, aliased]) await opened.embedder.close?.();
  });

  test("EMBEDDINGS_ALIASES=none: the bundled model answers to its own name only", async () => {
    const { embedder, aliases } = openEmbedder(settings({ EMBEDDINGS_ALIASES: 'none' }), 10_000);
    expect(aliases.size).toBe(0);
    await embedder.close?.();
  });
});
