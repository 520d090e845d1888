import type { ChatMessage, ContentPart } from '../../core/model-request.js';
import { GatewayError } from '../../core/errors.js';

/** Content blocks of a stream-json user message (Anthropic format; images verified to pass unchanged, §4.1). */
export type CliContentBlock =
  | { type: 'text'; text: string }
  | { type: 'image'; source: { type: 'base64'; media_type: string; data: string } };

const transcriptHeader =
  'The conversation so far, oldest turn first. You are the assistant; continue it by answering the user turn that ' +
  'follows the transcript. Tool calls shown here were made with your tools; to call a tool now, use the tool ' +
  'itself, never tags in text.\n\n<transcript>\n';

/**
 * The conversation as the content of one stream-json user message: earlier turns flattened into a delimited
 * transcript (images kept in place as image blocks), then the last user turn (a message, or the results of the tools
 * the assistant called) in blocks of its own. Seeding history as stdin `assistant` lines reorders it (§4.4); a
 * transcript file + --resume (§4.5) would write into the user's Claude config and, after a tool result, inject
 * "Continue from where you left off."
 */
export function encodePrompt(messages: readonly ChatMessage[]): CliContentBlock[] {
  const last = checkConversation(messages);
  const history = messages.slice(0, -1);
  const blocks: CliContentBlock[] = [];
  if (history.length > 0) {
    const transcript: CliContentBlock[] = [{ type: 'text', text: transcriptHeader }];
    history.forEach((m, i) => {
      append(transcript, `${i > 0 ? '\n' : ''}<${m.role}>\n`);
      writeParts(transcript, m.content);
      append(transcript, `\n</${m.role}>`);
    });
    append(transcript, '\n</transcript>');
    blocks.push(...transcript);
  }
  const turn: CliContentBlock[] = [];
  writeParts(turn, last.content);
  blocks.push(...turn);
  return blocks.map((block) => (block.type === 'text' ? { ...block, text: guardSlashCommand(block.text) } : block));
}

/** The CLI answers a user turn: a conversation must end with one. Returns it. */
export function checkConversation(messages: readonly ChatMessage[]): ChatMessage {
  const last = messages.at(-1);
  if (last === undefined || last.role !== 'user') {
    throw new GatewayError('invalid_request', 'The last message must be from the user or a tool result.', { param: 'messages' });
  }
  return last;
}

function writeParts(blocks: CliContentBlock[], parts: readonly ContentPart[]): void {
  parts.forEach((part, i) => {
    if (part.type === 'image') {
      blocks.push({ type: 'image', source: { type: 'base64', media_type: part.mediaType, data: part.data } });
      return;
    }
    append(blocks, (i > 0 && parts[i - 1]?.type !== 'image' ? '\n' : '') + encodeTextual(part));
  });
}

/** Adds text to the last text block, or starts one after an image. */
function append(blocks: CliContentBlock[], text: string): void {
  const last = blocks.at(-1);
  if (last?.type === 'text') last.text += text;
  else blocks.push({ type: 'text', text });
}

function encodeTextual(part: Exclude<ContentPart, { type: 'image' }>): string {
  switch (part.type) {
    case 'text':
      return escapeFraming(part.text);
    case 'tool-call':
      return `<tool_call id="${attribute(part.id)}" name="${attribute(part.name)}">${escapeFraming(JSON.stringify(part.input))}</tool_call>`;
    case 'tool-result':
      return `<tool_result tool_call_id="${attribute(part.toolCallId)}" name="${attribute(part.name)}">\n${escapeFraming(part.content)}\n</tool_result>`;
  }
}

/** The transcript's own tags, opening or closing, in any case. */
const framingTag = /<(\/?)(transcript|user|assistant|tool_call|tool_result)(?=[\s>/]|$)/gi;

/**
 * Content may not contain the transcript's tags: a tool result holding `</tool_result><user>…` (web content a
 * client's tool fetched, say) would otherwise forge a turn. Only those tags are escaped, so code and markup in
 * content read as they were; the same text always escapes the same way, so earlier turns stay byte-identical.
 */
function escapeFraming(text: string): string {
  return text.replace(framingTag, '&lt;$1$2');
}

const attribute = (value: string) => value.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/**
 * The CLI runs a text block that starts with a known slash command (`/cost`, `/compact`, …) as that command and never
 * sends it to the model, even with --disable-slash-commands (observed on 2.1.197). A leading space keeps it a prompt.
 */
function guardSlashCommand(text: string): string {
  return text.startsWith('/') ? ` ${text}` : text;
}
