import type { ChatMessage, ContentPart, DocumentPart } from '../../core/model-request.js';
import { GatewayError } from '../../core/errors.js';

/**
 * Content blocks of a stream-json user message (Anthropic format). Images and documents (PDF, text, URL) were
 * verified to reach the upstream unchanged (§4.1).
 */
export type CliContentBlock =
  | { type: 'text'; text: string }
  | { type: 'image'; source: { type: 'base64'; media_type: string; data: string } }
  | { type: 'document'; source: { type: string; media_type?: string; data?: string; url?: string }; title?: string; context?: string };

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
  let afterText = false;
  const text = (value: string) => {
    append(blocks, (afterText ? '\n' : '') + value);
    afterText = true;
  };
  for (const part of parts) {
    switch (part.type) {
      case 'image':
        blocks.push({ type: 'image', source: { type: 'base64', media_type: part.mediaType, data: part.data } });
        afterText = false;
        break;
      case 'document':
        blocks.push(encodeDocument(part));
        afterText = false;
        break;
      case 'text':
        text(escapeFraming(part.text));
        break;
      case 'tool-call':
        text(`<tool_call id="${attribute(part.id)}" name="${attribute(part.name)}">${escapeFraming(JSON.stringify(part.input))}</tool_call>`);
        break;
      case 'tool-result':
        text(`<tool_result tool_call_id="${attribute(part.toolCallId)}" name="${attribute(part.name)}"${part.isError ? ' is_error="true"' : ''}>\n`);
        writeParts(blocks, part.content);
        append(blocks, '\n</tool_result>');
        afterText = true;
        break;
    }
  }
}

/** Adds text to the last text block, or starts one after an image or document. */
function append(blocks: CliContentBlock[], text: string): void {
  const last = blocks.at(-1);
  if (last?.type === 'text') last.text += text;
  else blocks.push({ type: 'text', text });
}

function encodeDocument({ source, title, context }: DocumentPart): CliContentBlock {
  const encoded =
    source.type === 'base64'
      ? { type: 'base64', media_type: source.mediaType, data: source.data }
      : source.type === 'text'
        ? { type: 'text', media_type: 'text/plain', data: source.text }
        : { type: 'url', url: source.url };
  return { type: 'document', source: encoded, ...(title ? { title } : {}), ...(context ? { context } : {}) };
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
