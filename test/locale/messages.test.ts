import { createMessages } from '../../src/locale/create-messages.js';
import { messagesEn } from '../../src/locale/messages-en.js';
import { messagesZh } from '../../src/locale/messages-zh.js';

/**
 * Every leaf of a catalog by its dotted key; a function is shown by what it says for placeholder arguments `<0>`,
 * `<1>`…, and its parameter count is kept as `key()`.
 */
function leaves(catalog: object, prefix = ''): Map<string, unknown> {
  const found = new Map<string, unknown>();
  for (const [key, value] of Object.entries(catalog)) {
    const path = `${prefix}${key}`;
    if (typeof value === 'function') {
      found.set(path, (value as (...args: unknown[]) => unknown)(...Array.from({ length: value.length }, (_, i) => `<${i}>`)));
      found.set(`${path}()`, value.length);
    } else if (typeof value === 'object' && value !== null && !Array.isArray(value)) for (const [k, v] of leaves(value, `${path}.`)) found.set(k, v);
    else found.set(path, value);
  }
  return found;
}
const isArity = (key: string) => key.endsWith('()');

/** Keys whose Chinese text may be the same as the English (none so far: add one with the reason). */
const sameInBoth = new Set<string>([]);

describe('the message catalogs', () => {
  const en = leaves(messagesEn);
  const zh = leaves(messagesZh);

  test('have the same keys, each way', () => {
    expect([...en.keys()].filter((key) => !zh.has(key))).toEqual([]);
    expect([...zh.keys()].filter((key) => !en.has(key))).toEqual([]);
    expect(en.size).toBeGreaterThan(30);
  });

  test('a function takes as many parameters in both', () => {
    for (const key of [...en.keys()].filter(isArity)) expect([key, zh.get(key)]).toEqual([key, en.get(key)]);
  });

  test('no Chinese text is empty, nor the English one left untranslated', () => {
    for (const [key, text] of [...zh].filter(([key]) => !isArity(key))) {
      expect([key, JSON.stringify(text).replace(/<\d>/g, '').length > 2]).toEqual([key, true]);
      if (!sameInBoth.has(key)) expect([key, text]).not.toEqual([key, en.get(key)]);
    }
  });

  test('a parameter shows up in what is said, in both languages', () => {
    for (const catalog of [en, zh]) expect(catalog.get('config.apiKeysOffLoopback')).toContain('HOST=<0>');
    expect(zh.get('banner.listening')).toContain('<0>/v1');
  });

  test('createMessages picks the catalog of the locale', () => {
    expect(createMessages('en')).toBe(messagesEn);
    expect(createMessages('zh')).toBe(messagesZh);
  });
});
