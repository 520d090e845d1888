import { GatewayError } from '../../core/errors.js';
import type { BuiltinTools, ToolChoice, ToolDefinition } from '../../core/model-request.js';
import { customToolSchema, type CountTokensRequest, type ToolChoiceParam } from '../../wire/anthropic-messages.js';
import { parseClientBody } from '../../wire/parse-client-body.js';
import { isReportable } from '../ignored-fields.js';

export interface DecodedTools {
  tools: ToolDefinition[];
  toolChoice: ToolChoice;
  parallelToolCalls: boolean;
  /** The server tools asked for, as the CLI's own (web_search → WebSearch). */
  builtinTools: BuiltinTools;
  /** Options of those tools the CLI's own do not take (`tools[1].allowed_domains`), for `x-ignored-params`. */
  ignored: string[];
}

/** Server tools the CLI has an equivalent of: the CLI runs them itself (its WebSearch, WebFetch). */
const builtinFor: ReadonlyArray<[prefix: string, tool: string]> = [
  ['web_search_', 'WebSearch'],
  ['web_fetch_', 'WebFetch'],
];

/**
 * `tools` and `tool_choice`. Custom tools are the client's own, called back to it; `web_search_*` and `web_fetch_*`
 * server tools become the CLI's WebSearch and WebFetch where the tool policy allows them (the backend refuses
 * otherwise, naming the tool), and no other built-in tool is offered; other server tools are not supported (unless
 * `lenient`, for counting tokens, where they are left out).
 */
export function decodeTools(body: Pick<CountTokensRequest, 'tools' | 'tool_choice'>, { lenient = false } = {}): DecodedTools {
  const tools: ToolDefinition[] = [];
  const builtin: string[] = [];
  const ignored: string[] = [];
  let builtinParam = 'tools';
  (body.tools ?? []).forEach((tool, index) => {
    const at = ['tools', index] as const;
    if (tool.type === undefined || tool.type === 'custom') {
      const custom = parseClientBody(customToolSchema, tool, at);
      if (tools.some((other) => other.name === custom.name)) {
        throw new GatewayError('invalid_request', `Two tools are named '${custom.name}'.`, { param: `tools[${index}].name` });
      }
      tools.push({ name: custom.name, description: custom.description ?? undefined, inputSchema: custom.input_schema });
      return;
    }
    const match = builtinFor.find(([prefix]) => tool.type!.startsWith(prefix));
    if (!match) {
      if (lenient) return;
      throw new GatewayError('unsupported', `Server tools of type '${tool.type}' are not supported; web_search and web_fetch are.`, { param: `tools[${index}]` });
    }
    builtin.push(match[1]);
    builtinParam = `tools[${index}]`;
    // allowed_domains, blocked_domains, max_uses, user_location: the CLI's tools take none of them from the request
    ignored.push(...Object.keys(tool).filter((key) => key !== 'type' && key !== 'name').map((key) => `tools[${index}].${key}`).filter(isReportable));
  });
  const toolChoice = decodeChoice(body.tool_choice, tools);
  return {
    tools,
    toolChoice,
    parallelToolCalls: !(body.tool_choice && 'disable_parallel_tool_use' in body.tool_choice && body.tool_choice.disable_parallel_tool_use),
    builtinTools: { names: builtin, param: builtinParam },
    ignored,
  };
}

function decodeChoice(choice: ToolChoiceParam | undefined, tools: readonly ToolDefinition[]): ToolChoice {
  switch (choice?.type) {
    case undefined:
    case 'auto':
      return { type: 'auto' };
    case 'none':
      return { type: 'none' };
    case 'any':
      return { type: 'required' };
    case 'tool':
      if (!tools.some((tool) => tool.name === choice.name)) {
        throw new GatewayError('invalid_request', `tool_choice names '${choice.name}', which is not among the tools.`, { param: 'tool_choice.name' });
      }
      return { type: 'tool', name: choice.name };
  }
}
