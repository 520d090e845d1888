import { GatewayError } from '../../core/errors.js';
import type { BuiltinTools, ToolChoice, ToolDefinition } from '../../core/model-request.js';
import {
  customToolSchema,
  functionToolSchema,
  namespaceToolSchema,
  type CustomToolParam,
  type ResponsesRequest,
} from '../../wire/openai-responses.js';
import { parseClientBody } from '../../wire/parse-client-body.js';
import { narrowToAllowed, type AllowedTools } from './narrow-to-allowed.js';

/** A client tool as the client named it; the model sees `namespace__name` for one inside a namespace. */
export interface ClientTool {
  name: string;
  namespace: string | undefined;
  /** A freeform tool: the model writes one string (`custom_tool_call.input`), not JSON arguments. */
  custom: boolean;
}

export interface DecodedTools {
  tools: ToolDefinition[];
  /** The model's name of each tool → the client's. */
  clientTools: Map<string, ClientTool>;
  toolChoice: ToolChoice;
  parallelToolCalls: boolean;
  builtinTools: BuiltinTools;
  /** Tools accepted but not applied (`tools[3]`), for `x-ignored-params`. */
  ignored: string[];
}

export const modelToolName = (name: string, namespace: string | null | undefined) => (namespace ? `${namespace}__${name}` : name);

/** OpenAI's web search tool, in each of its versions. */
const isWebSearch = (type: string) => type === 'web_search' || type.startsWith('web_search_');

/**
 * `tools`, `tool_choice` and `parallel_tool_calls`. Function and custom tools (also grouped in a `namespace`) are the
 * client's; `web_search` is the CLI's WebSearch where the tool policy allows it (the backend refuses otherwise, naming
 * the tool), unless it forbids live access (`external_web_access: false`); no built-in tool is offered unasked.
 * `tool_search` (deferred loading) is moot, every tool being offered up front; other built-in types are not supported.
 */
export function decodeTools(body: Pick<ResponsesRequest, 'tools' | 'tool_choice' | 'parallel_tool_calls'>): DecodedTools {
  const tools: ToolDefinition[] = [];
  const clientTools = new Map<string, ClientTool>();
  const builtin: string[] = [];
  const ignored: string[] = [];
  let builtinParam = 'tools';
  const add = (tool: ToolDefinition, client: ClientTool, param: string) => {
    if (clientTools.has(tool.name)) throw new GatewayError('invalid_request', `Two tools are named '${tool.name}'.`, { param });
    if (tool.name.length > 64) throw new GatewayError('invalid_request', `The tool name '${tool.name}' is longer than 64 characters.`, { param });
    tools.push(tool);
    clientTools.set(tool.name, client);
  };
  const addClientTool = (raw: { type: string }, at: Array<string | number>, namespace: string | undefined) => {
    const param = at.map((key) => (typeof key === 'number' ? `[${key}]` : `.${key}`)).join('').slice(1);
    if (raw.type === 'function') {
      const tool = parseClientBody(functionToolSchema, raw, at);
      const schema = tool.parameters ?? {};
      add(
        { name: modelToolName(tool.name, namespace), description: tool.description ?? undefined, inputSchema: { type: 'object', properties: {}, ...schema } },
        { name: tool.name, namespace, custom: false },
        param,
      );
    } else if (raw.type === 'custom') {
      const tool = parseClientBody(customToolSchema, raw, at);
      add(freeformTool(tool, namespace), { name: tool.name, namespace, custom: true }, param);
    } else {
      throw new GatewayError('unsupported', `Tools of type "${raw.type}" are not supported here.`, { param: `${param}.type` });
    }
  };
  (body.tools ?? []).forEach((raw, index) => {
    const at = ['tools', index];
    if (raw.type === 'namespace') {
      const group = parseClientBody(namespaceToolSchema, raw, at);
      group.tools.forEach((tool, j) => addClientTool(tool, [...at, 'tools', j], group.name));
    } else if (raw.type === 'tool_search') {
      ignored.push(`tools[${index}]`); // deferred tool loading: every tool is offered up front here
    } else if (isWebSearch(raw.type)) {
      if ((raw as { external_web_access?: unknown }).external_web_access === false) {
        ignored.push(`tools[${index}]`); // a cached index only, which the CLI has not: no search
        return;
      }
      builtin.push('WebSearch');
      builtinParam = `tools[${index}]`;
    } else {
      addClientTool(raw, at, undefined);
    }
  });
  const decoded = {
    tools,
    clientTools,
    toolChoice: decodeChoice(body.tool_choice, clientTools),
    parallelToolCalls: body.parallel_tool_calls ?? true,
    builtinTools: { names: builtin, param: builtinParam },
    ignored,
  };
  const choice = body.tool_choice;
  return typeof choice === 'object' && choice?.type === 'allowed_tools' ? narrowToAllowed(decoded, choice as AllowedTools, modelNameOf) : decoded;
}

/** A freeform tool for the model: one string argument, `input`, which becomes the call's raw input. */
function freeformTool(tool: CustomToolParam, namespace: string | undefined): ToolDefinition {
  const grammar = tool.format?.type === 'grammar' ? `\n\nThe input follows this ${tool.format.syntax ?? ''} grammar:\n${tool.format.definition ?? ''}` : '';
  return {
    name: modelToolName(tool.name, namespace),
    description: `${tool.description ?? ''}${grammar}`.trim() || undefined,
    inputSchema: {
      type: 'object',
      properties: { input: { type: 'string', description: 'The whole input of the tool, as free text.' } },
      required: ['input'],
      additionalProperties: false,
    },
  };
}

/** A tool as `tool_choice` names it: by the model's name, or by its own inside a namespace when that is unique. */
function modelNameOf(name: string, clientTools: Map<string, ClientTool>): string | undefined {
  if (clientTools.has(name)) return name;
  const named = [...clientTools].filter(([, client]) => client.name === name);
  return named.length === 1 ? named[0]![0] : undefined;
}

function decodeChoice(choice: ResponsesRequest['tool_choice'], clientTools: Map<string, ClientTool>): ToolChoice {
  if (choice === undefined || choice === null || choice === 'auto') return { type: 'auto' };
  if (choice === 'none') return { type: 'none' };
  if (choice === 'required') return { type: 'required' };
  const { type, name } = choice as { type: string; name?: string };
  if ((type === 'function' || type === 'custom') && name !== undefined) {
    const modelName = modelNameOf(name, clientTools);
    if (modelName === undefined) {
      throw new GatewayError('invalid_request', `tool_choice names '${name}', which is not among the tools.`, { param: 'tool_choice' });
    }
    return { type: 'tool', name: modelName };
  }
  return { type: 'auto' }; // a built-in tool: the model chooses among what it has; allowed_tools: see narrowToAllowed
}
