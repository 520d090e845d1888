/** The languages the operator-facing text comes in (messages-en.ts, messages-zh.ts). */
export type Locale = 'en' | 'zh';

/**
 * GATEWAY_LOCALE if set, else LANG (the POSIX form, e.g. zh_CN.UTF-8): Chinese for any zh variant, English for
 * anything else — including C, POSIX and unset, the usual values on servers and in containers.
 */
export function selectLocale(env: { GATEWAY_LOCALE?: string | undefined; LANG?: string | undefined }): Locale {
  const chosen = env.GATEWAY_LOCALE || env.LANG || '';
  return /^zh(?:[-_.@]|$)/i.test(chosen) ? 'zh' : 'en';
}
