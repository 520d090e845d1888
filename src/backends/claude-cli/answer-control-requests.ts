import { z } from 'zod';
import { GatewayError } from '../../core/errors.js';
import { cliControlRequestSchema, type CliControlRequest } from '../../wire/claude-cli-stream.js';
import type { CliExtensions, PreToolUseInput } from './cli-extensions.js';
import type { CliRecord } from './decode-records.js';
import type { CliProcess } from './spawn-cli.js';

const hookCallbackSchema = z.looseObject({ subtype: z.literal('hook_callback'), callback_id: z.string(), input: z.looseObject({}).optional() });
const controlRefusalSchema = z.looseObject({ response: z.looseObject({ subtype: z.literal('error'), error: z.string().optional() }) });
const mcpMessageSchema = z.looseObject({
  subtype: z.literal('mcp_message'),
  server_name: z.string(),
  message: z.looseObject({
    method: z.string(),
    id: z.union([z.string(), z.number()]).optional(),
    params: z.looseObject({}).optional(),
  }),
});

/**
 * Takes the control messages out of the CLI's record stream: answers each of its requests on stdin, from the run's
 * extensions (anything else is refused), and fails the run if it refuses one of ours. Closes stdin once the turn's `result` arrives, so the CLI exits (stdin stays open until
 * then because answers may still be needed).
 */
export async function* answerControlRequests(
  records: AsyncIterable<CliRecord>,
  cli: Pick<CliProcess, 'write' | 'endInput'>,
  extensions: CliExtensions,
): AsyncGenerator<CliRecord> {
  for await (const record of records) {
    if (record.type === 'control_request') {
      const parsed = cliControlRequestSchema.safeParse(record);
      if (parsed.success) void answer(parsed.data, extensions).then((response) => cli.write(`${JSON.stringify(response)}\n`));
      continue;
    }
    if (record.type === 'control_response') {
      // The answer to one of ours (initialize, the run's settings): a refusal means the run would not be the one asked for.
      const refused = controlRefusalSchema.safeParse(record);
      if (refused.success) throw new GatewayError('cli_failed', 'The Claude CLI refused the run\'s settings.', { detail: refused.data.response.error });
      continue;
    }
    if (record.type === 'result') cli.endInput();
    yield record;
  }
}

async function answer({ request_id, request }: CliControlRequest, extensions: CliExtensions) {
  try {
    const response = (await respond(request, extensions)) ?? {};
    return { type: 'control_response', response: { subtype: 'success', request_id, response } };
  } catch (error) {
    return { type: 'control_response', response: { subtype: 'error', request_id, error: (error as Error).message } };
  }
}

async function respond(request: CliControlRequest['request'], { hooks, servers }: CliExtensions): Promise<unknown> {
  const hook = hookCallbackSchema.safeParse(request);
  if (hook.success) {
    const handler = hooks.find((candidate) => candidate.id === hook.data.callback_id);
    if (handler) return handler.decide((hook.data.input ?? {}) as PreToolUseInput);
  }
  const mcp = mcpMessageSchema.safeParse(request);
  if (mcp.success) {
    const server = servers.find((candidate) => candidate.name === mcp.data.server_name);
    if (server) return { mcp_response: server.handle(mcp.data.message) };
  }
  throw new Error(`The gateway does not handle ${request.subtype} requests.`);
}
