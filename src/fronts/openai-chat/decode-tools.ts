import { GatewayError } from '../../core/errors.js';
import type { ToolChoice, ToolDefinition } from '../../core/model-request.js';
import type { ChatCompletionRequest, FunctionDefinition } from '../../wire/openai-chat.js';

export interface DecodedTools {
  tools: ToolDefinition[];
  toolChoice: ToolChoice;
  parallelToolCalls: boolean;
  /** The client used the legacy `functions` API and expects `function_call` back. */
  legacyFunctions: boolean;
}

/** `tools` (or legacy `functions`) and the choice among them; a named choice must be one of the tools. */
export function decodeTools(body: ChatCompletionRequest): DecodedTools {
  const legacyFunctions = !body.tools?.length && Boolean(body.functions?.length);
  const definitions: FunctionDefinition[] = legacyFunctions ? (body.functions ?? []) : (body.tools ?? []).map((tool) => tool.function);
  const param = legacyFunctions ? 'functions' : 'tools';
  const tools = definitions.map(decodeDefinition);
  const duplicate = tools.find((tool, index) => tools.findIndex((other) => other.name === tool.name) !== index);
  if (duplicate) throw new GatewayError('invalid_request', `Two tools are named '${duplicate.name}'.`, { param });

  const choice = decodeChoice(legacyFunctions ? body.function_call : body.tool_choice);
  // A legacy function_call answer holds one call.
  const parallelToolCalls = !legacyFunctions && (body.parallel_tool_calls ?? true);
  if (choice.type === 'tool' && !tools.some((tool) => tool.name === choice.name)) {
    throw new GatewayError('invalid_request', `tool_choice names '${choice.name}', which is not among the tools.`, {
      param: legacyFunctions ? 'function_call' : 'tool_choice',
    });
  }
  return { tools, toolChoice: choice, parallelToolCalls, legacyFunctions };
}

function decodeDefinition(definition: FunctionDefinition): ToolDefinition {
  const schema = definition.parameters ?? {};
  // MCP tool schemas must describe an object; OpenAI allows the parameters to be omitted.
  return { name: definition.name, description: definition.description ?? undefined, inputSchema: { type: 'object', properties: {}, ...schema } };
}

type ChoiceParam = ChatCompletionRequest['tool_choice'] | ChatCompletionRequest['function_call'];

function decodeChoice(param: ChoiceParam): ToolChoice {
  if (param === undefined || param === null || param === 'auto') return { type: 'auto' };
  if (param === 'none') return { type: 'none' };
  if (param === 'required') return { type: 'required' };
  // OpenAI {type:'function', function:{name}}, legacy {name}, or Anthropic {type:'auto'|'any'|'tool'|'none', name}
  const choice = param as { type?: string; name?: string; function?: { name: string } };
  const named = choice.function?.name ?? choice.name;
  switch (choice.type) {
    case 'none':
      return { type: 'none' };
    case 'any':
      return { type: 'required' };
    case 'auto':
      return { type: 'auto' };
    default:
      return named ? { type: 'tool', name: named } : { type: 'required' };
  }
}
