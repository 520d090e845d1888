import { selectLocale } from '../../src/locale/select-locale.js';

describe('selectLocale', () => {
  test.each([
    [{}, 'en'],
    [{ LANG: 'C.UTF-8' }, 'en'],
    [{ LANG: 'POSIX' }, 'en'],
    [{ LANG: 'en_US.UTF-8' }, 'en'],
    [{ LANG: 'zh_CN.UTF-8' }, 'zh'],
    [{ LANG: 'zh_TW' }, 'zh'],
    [{ LANG: 'zh' }, 'zh'],
    [{ LANG: 'zu_ZA.UTF-8' }, 'en'],
    [{ GATEWAY_LOCALE: 'zh' }, 'zh'],
    [{ GATEWAY_LOCALE: 'ZH-cn' }, 'zh'],
    [{ GATEWAY_LOCALE: 'en', LANG: 'zh_CN.UTF-8' }, 'en'],
    [{ GATEWAY_LOCALE: 'zh', LANG: 'en_US.UTF-8' }, 'zh'],
    [{ GATEWAY_LOCALE: '', LANG: 'zh_CN.UTF-8' }, 'zh'],
    [{ GATEWAY_LOCALE: 'fr' }, 'en'],
    [{ GATEWAY_LOCALE: 'zhx' }, 'en'],
  ])('%j → %s', (env, locale) => {
    expect(selectLocale(env)).toBe(locale);
  });
});
