import type { Messages } from '../locale/messages-en.js';

/** Shown once the gateway listens (so with its real port): the generated key, how to use it and how to keep it. */
export function formatKeyNotice(url: string, key: string, text: Messages['keyPrompt']): string {
  return `${text.generated}\n  ${key}\n${text.tryIt}\n  curl ${url}/v1/models -H 'authorization: Bearer ${key}'\n${text.keepIt}\n`;
}
