import { messagesEn, type Messages } from './messages-en.js';
import { messagesZh } from './messages-zh.js';
import type { Locale } from './select-locale.js';

const catalogs: Record<Locale, Messages> = { en: messagesEn, zh: messagesZh };

/** The operator-facing text in `locale`, passed down from the entry points (no module holds a current language). */
export function createMessages(locale: Locale): Messages {
  return catalogs[locale];
}
