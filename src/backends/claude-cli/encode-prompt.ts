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

/** The first block of every prompt: the same text whatever the conversation, so it never breaks a cached prefix. */
const transcriptHeader =
  'The conversation, oldest turn first, each turn in its own block: <user> turns are the user\'s (the results of ' +
  'your tool calls included), <assistant> turns are yours. Answer the last <user> turn. Tool calls shown here were ' +
  'made with your tools; to call a tool now, use the tool itself, never tags in text.';

/**
 * The conversation as the content of one stream-json user message: a fixed header block, then every turn in blocks
 * of its own (`<user>…</user>`, `<assistant>…</assistant>`, images and documents in place), the last turn rendered
 * exactly as it will be once it is history. So each request begins with the previous request's blocks, byte for byte,
 * and the prompt cache (which matches at block boundaries, up to the breakpoint the CLI puts on the last block)
 * reuses all of it. No text block starts with the message's own text, so none can be taken for a slash command (the
 * CLI runs the last block as a command when it starts with `/`, after other text or an image too, even with
 * --disable-slash-commands; a leading newline stops it; observed on 2.1.197). Seeding history as stdin `assistant` lines reorders it (§4.4); a transcript file + --resume (§4.5)
 * would write into the user's Claude config and, after a tool result, inject "Continue from where you left off."
 */
export function encodePrompt(messages: readonly ChatMessage[]): CliContentBlock[] {
  checkConversation(messages);
  const blocks: CliContentBlock[] = [{ type: 'text', text: transcriptHeader }];
  for (const message of messages) {
    const turn: CliContentBlock[] = [{ type: 'text', text: `<${message.role}>\n` }];
    writeParts(turn, message.content);
    append(turn, `\n</${message.role}>`);
    blocks.push(...turn);
  }
  return blocks;
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
  // Text follows the part before it on a new line; after an image or document, that newline opens the block.
  let first = true;
  const text = (value: string) => {
    append(blocks, (first ? '' : '\n') + value);
    first = false;
  };
  for (const part of parts) {
    switch (part.type) {
      case 'image':
        blocks.push({ type: 'image', source: { type: 'base64', media_type: part.mediaType, data: part.data } });
        first = false;
        break;
      case 'document':
        blocks.push(encodeDocument(part));
        first = false;
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
        first = false;
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
