import { nanoid } from 'nanoid';
import type { Messages } from '../locale/messages-en.js';
import type { Terminal } from '../process-terminal.js';
import { askForKey } from './ask-for-key.js';
import { shouldAskForKey } from './should-ask-for-key.js';

interface Options {
  env: NodeJS.ProcessEnv;
  terminal: Terminal;
  text: Messages['keyPrompt'];
}

/** nanoid's 64-symbol alphabet: 40 symbols are 240 random bits. No commas, so it fits in API_KEYS as it is. */
const keyLength = 40;

/**
 * The key this run is to require, when the person at the terminal asks for one (see shouldAskForKey for when they are
 * asked); undefined: serve as configured.
 */
export async function protectWithKey(config: { host: string; apiKeys: readonly string[]; demo: boolean }, { env, terminal, text }: Options): Promise<string | undefined> {
  // Both ends: with the output redirected (`… 2>gateway.log`) nobody would see the question it waits on.
  const interactive = terminal.input.isTTY === true && terminal.output.isTTY === true;
  if (!shouldAskForKey({ env, interactive, config })) return undefined;
  if (await askForKey(terminal, text)) return `ccg-${nanoid(keyLength)}`;
  terminal.output.write(`${text.unprotected}\n`);
  return undefined;
}
