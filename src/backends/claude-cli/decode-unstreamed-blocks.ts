import type { ModelEvent } from '../../core/model-event.js';
import type { CliAssistantLine } from '../../wire/claude-cli-stream.js';
import { clientToolName } from './client-tools.js';

/** The content block streaming now, as far as it has come. */
export interface OpenBlock {
  kind: 'text' | 'reasoning' | 'tool' | 'hidden';
  id: string;
  /** The text streamed so far (text blocks). */
  text: string;
  signature: string | undefined;
}

/** The event that ends a block (none for a hidden one: a built-in tool call, a preamble to structured output). */
export function blockEnd(block: OpenBlock): ModelEvent | undefined {
  switch (block.kind) {
    case 'text':
      return { type: 'text-end', id: block.id };
    case 'reasoning':
      return { type: 'reasoning-end', id: block.id, signature: block.signature };
    case 'tool':
      return { type: 'tool-call-end', id: block.id };
    case 'hidden':
      return undefined;
  }
}

/**
 * The blocks of an `assistant` line that did not stream: the CLI's non-streaming fallback after a broken stream
 * (protocol §3.3) sends the whole message again, so a text block that had begun streaming continues with what it
 * had not yet sent, if the new text starts with it; otherwise it ends and the new text follows as a block of its own.
 */
export function decodeUnstreamedBlocks(line: CliAssistantLine, open: OpenBlock | undefined, structuredOutput: boolean): ModelEvent[] {
  const events: ModelEvent[] = [];
  let streaming = open;
  const close = () => {
    const end = streaming && blockEnd(streaming);
    if (end) events.push(end);
    streaming = undefined;
  };
  line.message.content.forEach((block, index) => {
    const id = `${line.message.id}:${index}`;
    if (block.type === 'text' && block.text && !structuredOutput) {
      if (streaming?.kind === 'text' && block.text.startsWith(streaming.text)) {
        const rest = block.text.slice(streaming.text.length);
        if (rest) events.push({ type: 'text-delta', id: streaming.id, text: rest });
      } else {
        close();
        events.push({ type: 'text-start', id }, { type: 'text-delta', id, text: block.text });
        streaming = { kind: 'text', id, text: block.text, signature: undefined };
      }
      close();
      return;
    }
    close();
    if (block.type === 'thinking' && block.thinking) {
      events.push({ type: 'reasoning-start', id }, { type: 'reasoning-delta', id, text: block.thinking });
      events.push({ type: 'reasoning-end', id, signature: typeof block.signature === 'string' ? block.signature : undefined });
    }
    const tool = block.type === 'tool_use' ? clientToolName(block.name) : undefined;
    if (tool !== undefined) {
      const callId = block.id ?? id;
      events.push({ type: 'tool-call-start', id: callId, name: tool });
      events.push({ type: 'tool-call-delta', id: callId, argumentsDelta: JSON.stringify(block.input ?? {}) });
      events.push({ type: 'tool-call-end', id: callId });
    }
  });
  close();
  return events;
}
