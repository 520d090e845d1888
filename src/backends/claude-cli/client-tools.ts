import type { ModelRequest, ToolChoice, ToolDefinition } from '../../core/model-request.js';
import { preToolUseDecision, type PreToolUseHook, type SdkMcpServer } from './cli-extensions.js';

/**
 * Client tools reach the model as native tools through an `sdk`-type MCP server that the CLI reaches over the
 * control channel on stdin/stdout (protocol §6.1): no port, no extra process. The server is named in `initialize`
 * alone, not in argv (`--mcp-config` would have the CLI list its tools at start-up, before the request is known);
 * the CLI then connects once `initialize` arrives (~25 ms, verified on 2.1.197). A PreToolUse hook answers `defer` for
 * each of their calls, so the CLI executes nothing, makes no further request and ends the turn with
 * `stop_reason: "tool_deferred"` (§6.4 A; verified on 2.1.197 with two calls in one turn).
 */
export const clientToolsServer = 'client';
const clientToolPrefix = `mcp__${clientToolsServer}__`;

/** The client's own name for a tool the model called, or undefined for a built-in or another server's tool. */
export function clientToolName(calledName: string | undefined): string | undefined {
  return calledName?.startsWith(clientToolPrefix) ? calledName.slice(clientToolPrefix.length) : undefined;
}


export const deferClientTools: PreToolUseHook = {
  id: 'defer_client_tools',
  matcher: `${clientToolPrefix}.*`,
  decide: () => preToolUseDecision('defer', 'The client runs this tool.'),
};

/**
 * The client tools the model is offered. The CLI has no tool_choice: `none` offers none, a named tool is offered
 * alone, and `required` / a named tool also become an instruction (`toolChoiceInstruction`), the closest the CLI
 * allows to forcing a call.
 */
export function offeredClientTools(request: Pick<ModelRequest, 'tools' | 'toolChoice'>): readonly ToolDefinition[] {
  const choice = request.toolChoice;
  if (choice.type === 'none') return [];
  return choice.type === 'tool' ? request.tools.filter((tool) => tool.name === choice.name) : request.tools;
}

/** The CLI has no tool_choice; `required` and a named tool become an instruction to the model. */
export function toolChoiceInstruction(choice: ToolChoice): string | undefined {
  if (choice.type === 'required') return 'In this response you must call at least one of the provided tools.';
  if (choice.type === 'tool') return `In this response you must call the tool \`${choice.name}\`.`;
  return undefined;
}

/**
 * The MCP server that lists the client's tools. It needs only the MCP handshake and `tools/list` (calls are
 * deferred, never made), a few lines that a full MCP server library would not shorten.
 */
export function createClientToolsServer(tools: readonly ToolDefinition[]): SdkMcpServer {
  const listed = tools.map((tool) => ({ name: tool.name, description: tool.description ?? '', inputSchema: tool.inputSchema }));
  return {
    name: clientToolsServer,
    handle: ({ method, id, params }) => {
      const reply = (result: unknown) => ({ jsonrpc: '2.0', id: id ?? 0, result });
      switch (method) {
        case 'initialize':
          return reply({
            protocolVersion: typeof params?.protocolVersion === 'string' ? params.protocolVersion : '2025-06-18',
            capabilities: { tools: {} },
            serverInfo: { name: clientToolsServer, version: '1.0.0' },
          });
        case 'tools/list':
          return reply({ tools: listed });
        case 'tools/call':
          return reply({ isError: true, content: [{ type: 'text', text: 'This tool is run by the client, not by the gateway.' }] });
        default:
          // notifications and ping need only an acknowledgement
          return id === undefined || method === 'ping'
            ? reply({})
            : { jsonrpc: '2.0', id, error: { code: -32601, message: `Method not found: ${method}` } };
      }
    },
  };
}
