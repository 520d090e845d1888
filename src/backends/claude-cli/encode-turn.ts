import type { ModelRequest } from '../../core/model-request.js';
import { encodeExtensions, type CliExtensions } from './cli-extensions.js';
import { offeredClientTools, toolChoiceInstruction } from './client-tools.js';
import { encodePrompt } from './encode-prompt.js';

/**
 * A request's stdin for a started CLI, written at once (the CLI takes the lines in order): the `initialize` control
 * request (system prompt, hooks, sdk MCP servers, JSON schema — all client text, kept out of argv), the run settings
 * this process takes on stdin (encode-run-settings), and the user message holding the conversation (protocol §4).
 */
export function encodeTurn(request: ModelRequest, extensions: CliExtensions, settings: readonly object[] = []): string {
  const system = [request.system, offeredClientTools(request).length > 0 ? toolChoiceInstruction(request.toolChoice) : undefined]
    .filter(Boolean)
    .join('\n\n');
  const initialize = {
    type: 'control_request',
    request_id: 'initialize',
    request: {
      subtype: 'initialize',
      ...(system ? { systemPrompt: [system] } : {}),
      ...encodeExtensions(extensions),
      // Same as --json-schema (§5.10), kept out of argv like every other client text.
      ...(request.responseFormat.type === 'json' ? { jsonSchema: request.responseFormat.schema } : {}),
    },
  };
  const user = {
    type: 'user',
    message: { role: 'user', content: encodePrompt(request.messages) },
    parent_tool_use_id: null,
    session_id: '',
  };
  return [initialize, ...settings, user].map((line) => `${JSON.stringify(line)}\n`).join('');
}
