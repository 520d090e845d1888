import type { ResultBlock } from '../../core/collect-result.js';

/**
 * What goes between text blocks (before and after a web search the CLI made, say) so they do not run together: a
 * blank line, unless the request stops at a sequence that would then appear in the answer, where the model never
 * wrote it (`stop: ["\n\n"]`); then the first of a newline, a space or nothing that holds none of them.
 */
export function textSeparatorFor(stopSequences: readonly string[]): string {
  return ['\n\n', '\n', ' ', ''].find((candidate) => !stopSequences.some((stop) => candidate.includes(stop))) ?? '';
}

/** A message's text, as the stream sends it: its non-empty text blocks with the separator between them. */
export function joinText(content: readonly ResultBlock[], separator: string): string {
  return content.flatMap((block) => (block.type === 'text' && block.text ? [block.text] : [])).join(separator);
}
