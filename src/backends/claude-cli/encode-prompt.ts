import type { ChatMessage, ContentPart } from '../../core/model-request.js';
import { GatewayError } from '../../core/errors.js';

/** One content block of a stream-json user message (Anthropic format, protocol §4.1). */
export type CliContentBlock = { type: 'text'; text: string };

/**
 * The conversation as the content of one stream-json user message: earlier turns flattened into one delimited
 * transcript block, then the last user message. (Seeding history as stdin `assistant` lines reorders it, §4.4.)
 */
export function encodePrompt(messages: readonly ChatMessage[]): CliContentBlock[] {
  const last = messages.at(-1);
  if (last === undefined || last.role !== 'user') {
    throw new GatewayError('invalid_request', 'The last message must be from the user.', { param: 'messages' });
  }
  const blocks: CliContentBlock[] = [];
  const history = messages.slice(0, -1);
  if (history.length > 0) blocks.push({ type: 'text', text: encodeTranscript(history) });
  blocks.push({ type: 'text', text: joinText(last.content) });
  return blocks.map((block) => ({ ...block, text: guardSlashCommand(block.text) }));
}

function encodeTranscript(history: readonly ChatMessage[]): string {
  const turns = history.map((m) => `<${m.role}>\n${joinText(m.content)}\n</${m.role}>`);
  return (
    'The conversation so far, oldest turn first. You are the assistant; continue it by answering the ' +
    `user message that follows the transcript.\n\n<transcript>\n${turns.join('\n')}\n</transcript>`
  );
}

function joinText(parts: readonly ContentPart[]): string {
  return parts.map((part) => part.text).join('\n');
}

/**
 * The CLI runs a text block that starts with a known slash command (`/cost`, `/compact`, …) as that command and never
 * sends it to the model, even with --disable-slash-commands (observed on 2.1.197). A leading space keeps it a prompt.
 */
function guardSlashCommand(text: string): string {
  return text.startsWith('/') ? ` ${text}` : text;
}
