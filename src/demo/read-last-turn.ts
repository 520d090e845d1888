import type { ContentBlockParam, MessageParam } from '../wire/anthropic-messages.js';

export interface LastTurn {
  /** What the user wrote in it, tool results left out. */
  text: string;
  images: Array<{ mediaType: string; data: string }>;
  /** Results of tool calls it carries, in order, with the tool's name when the request says it. */
  toolResults: Array<{ name: string | undefined; content: string }>;
}

/** The gateway renders a conversation as tagged blocks of one user message (encode-prompt); a turn opens with this. */
const turnOpening = '<user>\n';
const transcriptToolResult = /<tool_result tool_call_id="[^"]*" name="([^"]*)"(?: is_error="true")?>\n([\s\S]*?)\n<\/tool_result>/g;

/**
 * The turn the model is to answer. Through the gateway that is the last `<user>` turn of the transcript the CLI
 * sends as its one user message (backends/claude-cli/encode-prompt.ts); from any other client, the last user
 * message, whose `tool_result` blocks are results. The CLI's own context block (`<system-reminder>`) is not the user's.
 */
export function readLastTurn(messages: readonly MessageParam[]): LastTurn {
  const last = messages.findLast((message) => message.role === 'user');
  const blocks: ContentBlockParam[] = typeof last?.content === 'string' ? [{ type: 'text', text: last.content }] : (last?.content ?? []);
  const opening = blocks.findLastIndex((block) => block.type === 'text' && block.text.startsWith(turnOpening));
  const turn = opening >= 0 ? blocks.slice(opening) : blocks.filter((block) => !(block.type === 'text' && block.text.startsWith('<system-reminder>')));
  const turnText = turn.flatMap((block) => (block.type === 'text' ? [block.text] : [])).join('');
  const toolResults: LastTurn['toolResults'] = [];
  const text = (opening >= 0 ? turnText.slice(turnOpening.length).replace(/\n<\/user>$/, '') : turnText).replace(transcriptToolResult, (_, name: string, content: string) => {
    toolResults.push({ name: unescapeAttribute(name), content });
    return '';
  });
  for (const block of turn) {
    if (block.type === 'tool_result') toolResults.push({ name: toolNameOf(messages, block.tool_use_id), content: textOf(block.content) });
  }
  const images = turn.flatMap((block) => (block.type === 'image' && block.source.type === 'base64' ? [{ mediaType: block.source.media_type, data: block.source.data }] : []));
  return { text: text.trim(), images, toolResults };
}

function textOf(content: Extract<ContentBlockParam, { type: 'tool_result' }>['content']): string {
  if (typeof content === 'string') return content;
  return (content ?? []).map((block) => (block.type === 'text' ? block.text : `[${block.type}]`)).join('\n');
}

/** The name of the tool whose call has this id, from the assistant message that made it. */
function toolNameOf(messages: readonly MessageParam[], id: string): string | undefined {
  for (const message of messages) {
    if (typeof message.content === 'string') continue;
    const call = message.content.find((block) => block.type === 'tool_use' && block.id === id);
    if (call?.type === 'tool_use') return call.name;
  }
  return undefined;
}

const unescapeAttribute = (value: string) => value.replace(/&quot;/g, '"').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
