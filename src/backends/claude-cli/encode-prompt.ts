import type { ChatMessage, ContentPart } from '../../core/model-request.js';
import { GatewayError } from '../../core/errors.js';

/** One content block of a stream-json user message (Anthropic format, protocol §4.1). */
export type CliContentBlock = { type: 'text'; text: string };

/**
 * The conversation as the content of one stream-json user message: earlier turns flattened into one delimited
 * transcript block, then the last user turn (a message, or the results of the tools the assistant called).
 * Seeding history as stdin `assistant` lines reorders it (§4.4); a transcript file + --resume (§4.5) would write
 * into the user's Claude config and, after a tool result, inject "Continue from where you left off."
 */
export function encodePrompt(messages: readonly ChatMessage[]): CliContentBlock[] {
  const last = messages.at(-1);
  if (last === undefined || last.role !== 'user') {
    throw new GatewayError('invalid_request', 'The last message must be from the user or a tool result.', { param: 'messages' });
  }
  const blocks: CliContentBlock[] = [];
  const history = messages.slice(0, -1);
  if (history.length > 0) blocks.push({ type: 'text', text: encodeTranscript(history) });
  blocks.push({ type: 'text', text: encodeParts(last.content) });
  return blocks.map((block) => ({ ...block, text: guardSlashCommand(block.text) }));
}

function encodeTranscript(history: readonly ChatMessage[]): string {
  const turns = history.map((m) => `<${m.role}>\n${encodeParts(m.content)}\n</${m.role}>`);
  return (
    'The conversation so far, oldest turn first. You are the assistant; continue it by answering the user turn ' +
    'that follows the transcript. Tool calls shown here were made with your tools; to call a tool now, use the ' +
    `tool itself, never tags in text.\n\n<transcript>\n${turns.join('\n')}\n</transcript>`
  );
}

function encodeParts(parts: readonly ContentPart[]): string {
  return parts.map(encodePart).join('\n');
}

function encodePart(part: ContentPart): string {
  switch (part.type) {
    case 'text':
      return part.text;
    case 'tool-call':
      return `<tool_call id="${part.id}" name="${part.name}">${JSON.stringify(part.input)}</tool_call>`;
    case 'tool-result':
      return `<tool_result tool_call_id="${part.toolCallId}" name="${part.name}">\n${part.content}\n</tool_result>`;
  }
}

/**
 * The CLI runs a text block that starts with a known slash command (`/cost`, `/compact`, …) as that command and never
 * sends it to the model, even with --disable-slash-commands (observed on 2.1.197). A leading space keeps it a prompt.
 */
function guardSlashCommand(text: string): string {
  return text.startsWith('/') ? ` ${text}` : text;
}
