import { cliControlRequestSchema, type CliControlRequest } from '../../wire/claude-cli-stream.js';
import type { CliRecord } from './decode-records.js';
import type { CliProcess } from './run-process.js';

/** Answers one control request; throwing sends the CLI an error response. */
export type ControlResponder = (request: CliControlRequest['request']) => unknown;

export const refuseControlRequests: ControlResponder = (request) => {
  throw new Error(`The gateway does not handle ${request.subtype} requests.`);
};

/**
 * Takes the CLI's control requests out of its record stream and answers each on stdin; closes stdin once the turn's
 * `result` arrives, so the CLI exits (stdin stays open until then because answers may still be needed).
 */
export async function* answerControlRequests(
  records: AsyncIterable<CliRecord>,
  cli: Pick<CliProcess, 'send' | 'endInput'>,
  respond: ControlResponder,
): AsyncGenerator<CliRecord> {
  for await (const record of records) {
    if (record.type === 'control_request') {
      const parsed = cliControlRequestSchema.safeParse(record);
      if (parsed.success) cli.send(JSON.stringify(encodeControlResponse(parsed.data, respond)));
      continue;
    }
    if (record.type === 'result') cli.endInput();
    yield record;
  }
}

function encodeControlResponse({ request_id, request }: CliControlRequest, respond: ControlResponder) {
  try {
    return { type: 'control_response', response: { subtype: 'success', request_id, response: respond(request) ?? {} } };
  } catch (error) {
    return { type: 'control_response', response: { subtype: 'error', request_id, error: (error as Error).message } };
  }
}
