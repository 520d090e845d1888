import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';

/** The layering of STYLE.md, checked: what each part of src/ may import from the others. */
const root = new URL('../src/', import.meta.url).pathname;
const forbidden: Record<string, string[]> = {
  core: ['fronts', 'backends', 'http', 'wire', 'media', 'tokens', 'demo', 'config.ts', 'main.ts'],
  wire: ['fronts', 'backends', 'http', 'media', 'config.ts', 'main.ts'],
  backends: ['fronts', 'http', 'config.ts', 'main.ts'],
  fronts: ['backends', 'config.ts', 'main.ts'],
  http: ['backends', 'config.ts', 'main.ts'],
  media: ['fronts', 'backends', 'http', 'config.ts', 'main.ts'],
  store: ['fronts', 'backends', 'http', 'wire', 'sessions', 'config.ts', 'main.ts'],
  usage: ['fronts', 'backends', 'http', 'wire', 'store', 'sessions', 'config.ts', 'main.ts'],
  sessions: ['fronts', 'backends', 'http', 'wire', 'store', 'config.ts', 'main.ts'],
  routing: ['fronts', 'http', 'config.ts', 'main.ts'],
  metrics: ['fronts', 'backends', 'http', 'wire', 'store', 'sessions', 'config.ts', 'main.ts'],
  openapi: ['backends', 'config.ts', 'main.ts'],
  // The demo model stands where Anthropic would: it knows the wire and what the CLI sends, nothing of the gateway's serving.
  demo: ['fronts', 'http', 'routing', 'sessions', 'store', 'config.ts', 'main.ts', 'start-gateway.ts', 'cli.ts'],
  'command-line': ['core', 'fronts', 'backends', 'http', 'demo', 'main.ts', 'start-gateway.ts'],
};

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => (entry.isDirectory() ? sources(join(dir, entry.name)) : entry.name.endsWith('.ts') ? [join(dir, entry.name)] : []));
}

describe('architecture', () => {
  test.each(Object.entries(forbidden))('src/%s imports none of %j', (layer, banned) => {
    const offences: string[] = [];
    for (const file of sources(join(root, layer))) {
      for (const [, target] of readFileSync(file, 'utf8').matchAll(/from '(\.[^']+)'/g)) {
        const resolved = relative(root, join(file, '..', target!));
        if (banned.some((part) => resolved === part || resolved.startsWith(`${part}/`) || resolved === part.replace(/\.ts$/, '.js'))) offences.push(`${relative(root, file)} → ${resolved}`);
      }
    }
    expect(offences).toEqual([]);
  });
});
