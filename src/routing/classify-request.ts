import type { ContentPart, ModelRequest } from '../core/model-request.js';

/** Router classes, in the order they are tried (claude-code-router's, with `image` added). */
export type RequestClass = 'long_context' | 'background' | 'web_search' | 'think' | 'image';

const charsPerToken = 4;

/** The prompt's size in tokens, estimated from its characters (cheap, on every request). */
export function estimatePromptTokens(request: ModelRequest): number {
  const chars = (parts: readonly ContentPart[]): number =>
    parts.reduce((sum, part) => {
      if (part.type === 'text') return sum + part.text.length;
      if (part.type === 'tool-call') return sum + JSON.stringify(part.input ?? {}).length;
      if (part.type === 'tool-result') return sum + chars(part.content);
      return sum;
    }, 0);
  const tools = request.tools.reduce((sum, tool) => sum + JSON.stringify(tool.inputSchema).length + (tool.description?.length ?? 0), 0);
  return Math.ceil(((request.system?.length ?? 0) + tools + request.messages.reduce((sum, m) => sum + chars(m.content), 0)) / charsPerToken);
}

const hasImage = (parts: readonly ContentPart[]): boolean => parts.some((part) => part.type === 'image' || (part.type === 'tool-result' && hasImage(part.content)));

/** The classes a request belongs to, in routing order. `background`: a haiku-class model (Claude Code's small tasks). */
export function classifyRequest(request: ModelRequest, longContextThreshold: number): RequestClass[] {
  const classes: RequestClass[] = [];
  if (estimatePromptTokens(request) > longContextThreshold) classes.push('long_context');
  if (/haiku/i.test(request.model)) classes.push('background');
  if (request.builtinTools?.names.includes('WebSearch')) classes.push('web_search');
  if (request.thinking?.type === 'budget' || (request.reasoningEffort !== undefined && request.reasoningEffort !== 'low')) classes.push('think');
  if (request.messages.some((message) => hasImage(message.content))) classes.push('image');
  return classes;
}
