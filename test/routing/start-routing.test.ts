import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startRouting, type ProviderBackend } from '../../src/routing/start-routing.js';
import { createFakeBackend } from '../support/fake-backend.js';
import { testCatalog } from '../support/create-test-app.js';
import { modelRequest } from '../support/model-request.js';

const config = (models: string) => `providers:\n  - name: a\n    type: openai\n    base_url: http://127.0.0.1:9/v1\n    models: [${models}]\n`;

describe('startRouting: reloads', () => {
  test('an unchanged provider is kept; a changed one serves what was routed to it until its retirement, then closes', async () => {
    const path = join(mkdtempSync(join(tmpdir(), 'ccg-reload-')), 'gateway.yaml');
    writeFileSync(path, config('m1'));
    const made: Array<{ closed: boolean }> = [];
    const errors: string[] = [];
    const routing = await startRouting({
      configFile: path,
      env: {},
      cli: createFakeBackend().backend,
      catalog: testCatalog,
      createProvider: () => {
        const state = { closed: false };
        made.push(state);
        return { ...createFakeBackend().backend, close: async () => void (state.closed = true) } as ProviderBackend;
      },
      logger: { info: () => undefined, error: (_fields: object, message: string) => void errors.push(message) } as never,
      retireAfterMs: 300,
    });
    try {
      const before = routing.router.select(modelRequest({ model: 'a/m1' }));
      writeFileSync(path, config('m1'));
      await routing.reload();
      expect(made).toHaveLength(1); // the same provider config: the same backend
      writeFileSync(path, config('m2'));
      await routing.reload();
      expect(made).toHaveLength(2);
      expect(routing.router.select(modelRequest({ model: 'a/m2' })).backend).not.toBe(before.backend);
      expect(made[0]!.closed).toBe(false); // a request routed before the reload may still be on its way to it
      await new Promise((resolve) => setTimeout(resolve, 400));
      expect(made[0]!.closed).toBe(true);
      writeFileSync(path, 'providers: nope\n');
      await routing.reload();
      expect(errors).toEqual(['config file not reloaded: the last good config stays']);
      expect(routing.router.select(modelRequest({ model: 'a/m2' })).route).toBe('a/m2');
    } finally {
      await routing.close();
    }
  });
});
