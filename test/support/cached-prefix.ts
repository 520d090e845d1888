import type { RecordedRequest } from './fake-anthropic.js';

/**
 * A Messages request as the prompt cache sees it: tools, then system blocks, then each message's blocks, in order,
 * each as its JSON text without `cache_control` (where a breakpoint sits is not part of the content).
 */
export function promptBlocks(body: RecordedRequest['body']): string[] {
  const strip = (block: unknown) => JSON.stringify(block, (key, value: unknown) => (key === 'cache_control' ? undefined : value));
  const contentOf = (content: unknown) => (typeof content === 'string' ? [{ type: 'text', text: content }] : (content as unknown[]));
  return [
    ...(body.tools ?? []).map(strip),
    ...(body.system ?? []).map(strip),
    ...(body.messages ?? []).flatMap((message) => contentOf(message.content).map((block) => `${message.role}:${strip(block)}`)),
  ];
}

/** How many of `next`'s leading blocks are exactly `previous`'s: what a cache written by `previous` can serve. */
export function sharedPrefix(previous: readonly string[], next: readonly string[]): number {
  let shared = 0;
  while (shared < previous.length && shared < next.length && previous[shared] === next[shared]) shared += 1;
  return shared;
}
