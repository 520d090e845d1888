import type { ResultBlock } from '../../core/collect-result.js';

/** Between text blocks (e.g. before and after a web search the CLI made), so they do not run together. */
export const textBlockSeparator = '\n\n';

/** A message's text, as the stream sends it: its text blocks with a blank line between them. */
export function joinText(content: readonly ResultBlock[]): string {
  return content.flatMap((block) => (block.type === 'text' && block.text ? [block.text] : [])).join(textBlockSeparator);
}
