import { GatewayError } from '../../core/errors.js';
import type { ClientTool, DecodedTools } from './decode-tools.js';

/** `tool_choice: {type: "allowed_tools", mode, tools}`: the subset of `tools` the model may use this turn. */
export interface AllowedTools {
  mode: 'auto' | 'required';
  tools: Array<{ type: string; name?: string | undefined }>;
}

/**
 * Offers the model only the tools `allowed` lists (their calls still decode by the client names of all `tools`) (each as `tool_choice` would name it; web search by its type), so a
 * client can narrow a turn without changing `tools` (and its prompt cache); `required` makes it call one of them.
 */
export function narrowToAllowed(
  decoded: DecodedTools,
  allowed: AllowedTools,
  modelNameOf: (name: string, clientTools: Map<string, ClientTool>) => string | undefined,
): DecodedTools {
  const names = new Set<string>();
  let webSearch = false;
  allowed.tools.forEach((tool, index) => {
    if (tool.type.startsWith('web_search')) {
      webSearch = true;
      return;
    }
    const name = tool.name === undefined ? undefined : modelNameOf(tool.name, decoded.clientTools);
    if (name === undefined) {
      throw new GatewayError('invalid_request', `tool_choice.tools[${index}] names ${tool.name === undefined ? 'no tool' : `'${tool.name}', which is not among the tools`}.`, {
        param: `tool_choice.tools[${index}]`,
      });
    }
    names.add(name);
  });
  return {
    ...decoded,
    tools: decoded.tools.filter((tool) => names.has(tool.name)),
    toolChoice: { type: allowed.mode },
    builtinTools: webSearch ? decoded.builtinTools : { ...decoded.builtinTools, names: [] },
  };
}
