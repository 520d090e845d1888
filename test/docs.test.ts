import { readFileSync } from 'node:fs';
import { errorCodes, GatewayError } from '../src/core/errors.js';

const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');

describe('README', () => {
  test('the error table lists every code the gateway emits, each with its status', () => {
    const table = readme.slice(readme.indexOf('## Errors'), readme.indexOf('\n## ', readme.indexOf('## Errors') + 1));
    const documented = new Map<string, number>();
    for (const [, status, codes] of table.matchAll(/^\| (\d{3}) \| ([^|]+) \|/gm)) {
      for (const [, code] of codes!.matchAll(/`([a-z_]+)`/g)) documented.set(code!, Number(status));
    }
    expect([...documented.keys()].sort()).toEqual([...errorCodes].sort());
    for (const code of errorCodes) expect([code, documented.get(code)]).toEqual([code, new GatewayError(code, '').status]);
  });
});
