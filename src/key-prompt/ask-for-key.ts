import { once } from 'node:events';
import { createInterface } from 'node:readline/promises';
import type { Messages } from '../locale/messages-en.js';
import type { Terminal } from '../process-terminal.js';

/**
 * Asks once whether to protect the endpoint with a key. Enter, end of input or any answer but a "no" one mean yes:
 * a key someone did not want costs a header, a missing one exposes their account to every local program.
 */
export async function askForKey({ input, output, onInterrupt }: Terminal, text: Messages['keyPrompt']): Promise<boolean> {
  const lines = createInterface({ input, output });
  lines.on('SIGINT', () => {
    lines.close();
    output.write('\n');
    onInterrupt();
  });
  try {
    const closed = once(lines, 'close').then(() => '');
    const answer = await Promise.race([lines.question(text.question).catch(() => ''), closed]);
    return !text.no.includes(answer.trim().toLowerCase());
  } finally {
    lines.close();
  }
}
