import { nanoid } from 'nanoid';
import { clientToolName } from '../backends/claude-cli/client-tools.js';
import type { MessagesRequest, ToolParam } from '../wire/anthropic-messages.js';
import { describeImage } from './describe-image.js';
import { exampleOfSchema } from './example-of-schema.js';
import { readLastTurn, type LastTurn } from './read-last-turn.js';
import type { UpstreamBlock, UpstreamMessage } from './upstream-message.js';

/** Every answer says where it comes from, so that no one takes it for Claude's. */
const demoMark = '[demo model]';

/** The tool the CLI adds for a JSON schema (protocol §5.10); the model answers by calling it. */
const structuredOutputTool = 'StructuredOutput';

/**
 * The demo model: a scripted answer read off the request. A client's tools (the gateway offers them as
 * `mcp__client__<name>`; the CLI's own, such as WebSearch, are never called) are called, the one the user names or
 * else the first, with arguments made from its schema; a tool result is quoted back; a JSON schema is answered with an
 * instance of it; images are measured; anything else is echoed.
 */
export function answerDemoRequest(request: MessagesRequest): UpstreamMessage {
  const turn = readLastTurn(request.messages);
  const tools = request.tools ?? [];
  const clientTools = tools.filter((tool) => clientToolName(tool.name) !== undefined);
  const structured = tools.find((tool) => tool.name === structuredOutputTool);
  const message = (content: UpstreamBlock[], stopReason: string): UpstreamMessage => ({
    id: `msg_demo_${nanoid(16)}`,
    model: request.model,
    content,
    stopReason,
    usage: { input_tokens: estimateTokens(JSON.stringify(request)), output_tokens: estimateTokens(JSON.stringify(content)), cache_read_input_tokens: 0, cache_creation_input_tokens: 0 },
  });
  if (turn.toolResults.length === 0 && clientTools.length > 0) {
    const tool = clientTools.find((candidate) => turn.text.includes(clientToolName(candidate.name)!)) ?? clientTools[0]!;
    const lead = textBlock(`${demoMark} Calling ${clientToolName(tool.name)} with arguments made from its schema.`);
    return message([lead, callOf(tool)], 'tool_use');
  }
  if (structured) return message([callOf(structured)], 'tool_use');
  return message([textBlock(replyText(turn))], 'end_turn');
}

function replyText(turn: LastTurn): string {
  const parts = [demoMark];
  for (const { name, content } of turn.toolResults) parts.push(`${name === undefined ? 'The tool' : (clientToolName(name) ?? name)} returned: ${quote(content)}`);
  turn.images.forEach((image, i) => parts.push(`Image ${i + 1}: ${describeImage(image)}.`));
  if (turn.text) parts.push(`You said: ${quote(turn.text)}`);
  if (parts.length === 1) parts.push('Nothing to answer: the last turn holds no text.');
  return parts.join(' ');
}

const quote = (text: string) => `"${text}"`;

function callOf(tool: ToolParam): UpstreamBlock {
  const example = exampleOfSchema(tool.input_schema ?? { type: 'object' });
  const input = typeof example === 'object' && example !== null && !Array.isArray(example) ? (example as Record<string, unknown>) : {};
  return { type: 'tool_use', id: `toolu_demo_${nanoid(16)}`, name: tool.name, input };
}

/** Words and the spaces after them, so the answer streams as a model's would. */
const textBlock = (text: string): UpstreamBlock => ({ type: 'text', chunks: text.match(/\S+\s*|\s+/g) ?? [text] });

/** About four characters a token, as for English text: the demo has no tokenizer to be exact with. */
const estimateTokens = (text: string) => Math.max(1, Math.ceil(text.length / 4));
