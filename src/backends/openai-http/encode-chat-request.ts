import { GatewayError } from '../../core/errors.js';
import type { ContentPart, ModelRequest, ToolChoice } from '../../core/model-request.js';

/** An OpenAI chat completions request body, as compatible servers (OpenAI, OpenRouter, Ollama, vLLM…) take it. */
export type ChatBody = Record<string, unknown> & { messages: unknown[] };

type OutPart = { type: 'text'; text: string } | { type: 'image_url'; image_url: { url: string } } | { type: 'file'; file: { filename: string; file_data: string } };

/** ModelRequest (its `model` the upstream's, as routed) → a streaming chat completions body, usage in the stream. */
export function encodeChatRequest(request: ModelRequest): ChatBody {
  const messages: unknown[] = request.system !== undefined ? [{ role: 'system', content: request.system }] : [];
  request.messages.forEach((message, i) => messages.push(...encodeMessage(message.role, message.content, `messages[${i}]`)));
  const tools = request.tools.map((tool) => ({
    type: 'function',
    function: { name: tool.name, ...(tool.description ? { description: tool.description } : {}), parameters: tool.inputSchema },
  }));
  const { temperature, topP, seed, logprobs } = request.sampling;
  return {
    model: request.model,
    messages,
    stream: true,
    stream_options: { include_usage: true },
    ...(tools.length > 0 ? { tools, tool_choice: encodeToolChoice(request.toolChoice), parallel_tool_calls: request.parallelToolCalls } : {}),
    ...(request.responseFormat.type === 'json'
      ? { response_format: { type: 'json_schema', json_schema: { name: 'response', schema: request.responseFormat.schema } } }
      : {}),
    ...(request.stopSequences.length > 0 ? { stop: request.stopSequences.slice(0, 4) } : {}),
    ...(request.maxOutputTokens !== undefined ? { max_tokens: request.maxOutputTokens } : {}),
    ...reasoning(request),
    ...(temperature !== undefined ? { temperature } : {}),
    ...(topP !== undefined ? { top_p: topP } : {}),
    ...(seed !== undefined ? { seed } : {}),
    ...(logprobs !== undefined ? { logprobs: true, ...(logprobs > 0 ? { top_logprobs: logprobs } : {}) } : {}),
  };
}

/**
 * OpenAI's scale stops at high (the CLI's xhigh and max ask for at least that); a thinking budget, which compatible
 * servers have no field for, becomes the effort it is closest to.
 */
function reasoning({ reasoningEffort, thinking }: ModelRequest): { reasoning_effort?: string } {
  if (reasoningEffort) return { reasoning_effort: reasoningEffort === 'xhigh' || reasoningEffort === 'max' ? 'high' : reasoningEffort };
  if (thinking?.type === 'budget') return { reasoning_effort: thinking.tokens >= 16_000 ? 'high' : thinking.tokens >= 4000 ? 'medium' : 'low' };
  return {};
}

function encodeToolChoice(choice: ToolChoice): unknown {
  return choice.type === 'tool' ? { type: 'function', function: { name: choice.name } } : choice.type;
}

/**
 * One core message → OpenAI messages: an assistant turn's text and tool calls in one message; a user turn's tool
 * results each as a `tool` message (their images follow in a user message: tool messages take text only), then the
 * rest of the turn as a user message.
 */
function encodeMessage(role: 'user' | 'assistant', content: readonly ContentPart[], param: string): unknown[] {
  if (role === 'assistant') {
    const text = content.flatMap((part) => (part.type === 'text' ? [part.text] : [])).join('');
    const calls = content.flatMap((part) =>
      part.type === 'tool-call' ? [{ id: part.id, type: 'function', function: { name: part.name, arguments: JSON.stringify(part.input ?? {}) } }] : [],
    );
    return [{ role: 'assistant', content: text || null, ...(calls.length > 0 ? { tool_calls: calls } : {}) }];
  }
  const out: unknown[] = [];
  const rest: OutPart[] = [];
  content.forEach((part, j) => {
    if (part.type === 'tool-result') {
      const texts = part.content.flatMap((inner) => (inner.type === 'text' ? [inner.text] : []));
      out.push({ role: 'tool', tool_call_id: part.toolCallId, content: (part.isError ? ['(the tool failed)', ...texts] : texts).join('\n') });
      rest.push(...part.content.filter((inner) => inner.type !== 'text').map((inner) => encodePart(inner, `${param}.content[${j}]`)));
    } else if (part.type !== 'tool-call') {
      rest.push(encodePart(part, `${param}.content[${j}]`));
    }
  });
  if (rest.length > 0) out.push({ role: 'user', content: rest.every((part) => part.type === 'text') ? rest.map((part) => part.text).join('\n') : rest });
  return out;
}

function encodePart(part: Exclude<ContentPart, { type: 'tool-call' } | { type: 'tool-result' }>, param: string): OutPart {
  switch (part.type) {
    case 'text':
      return { type: 'text', text: part.text };
    case 'image':
      return { type: 'image_url', image_url: { url: `data:${part.mediaType};base64,${part.data}` } };
    case 'document':
      if (part.source.type === 'text') return { type: 'text', text: part.source.text };
      if (part.source.type === 'base64') return { type: 'file', file: { filename: part.title ?? 'document.pdf', file_data: `data:application/pdf;base64,${part.source.data}` } };
      throw new GatewayError('unsupported', 'Documents by URL are not supported for this model; send the document itself.', { param });
  }
}
