import { nanoid } from 'nanoid';
import type { CountTokens } from '../../core/cut-at-stop-sequences.js';
import type { OutputItem, ResponseObject } from '../../wire/openai-responses-response.js';
import type { ResponsesRequest } from '../../wire/openai-responses.js';
import type { DecodedResponsesRequest } from './decode-request.js';
import type { ClientTool } from './decode-tools.js';

/** What every event and the response object of one response repeat, and the stream's running sequence number. */
export interface ResponseContext {
  id: string;
  createdAt: number;
  model: string;
  body: ResponsesRequest;
  store: boolean;
  clientTools: Map<string, ClientTool>;
  showReasoning: boolean;
  includeEncryptedReasoning: boolean;
  countTokens: CountTokens;
  /** The next event's `sequence_number`. */
  sequence: number;
  /** The output items so far, in order (what a `response.failed` shows). */
  output: OutputItem[];
}

export function createResponseContext(decoded: DecodedResponsesRequest, countTokens: CountTokens): ResponseContext {
  return {
    id: `resp_${nanoid()}`,
    createdAt: Math.floor(Date.now() / 1000),
    model: decoded.model,
    body: decoded.body,
    store: decoded.store,
    clientTools: decoded.clientTools,
    showReasoning: decoded.showReasoning,
    includeEncryptedReasoning: decoded.includeEncryptedReasoning,
    countTokens,
    sequence: 0,
    output: [],
  };
}

/** The response object, with the request's settings echoed as the API does. */
export function responseObject(
  context: ResponseContext,
  state: Pick<ResponseObject, 'status' | 'usage' | 'incomplete_details'> & Partial<Pick<ResponseObject, 'error'>>,
): ResponseObject {
  const { body } = context;
  return {
    id: context.id,
    object: 'response',
    created_at: context.createdAt,
    status: state.status,
    completed_at: state.status === 'in_progress' ? null : Math.floor(Date.now() / 1000),
    error: state.error ?? null,
    incomplete_details: state.incomplete_details,
    instructions: body.instructions ?? null,
    max_output_tokens: body.max_output_tokens ?? null,
    model: context.model,
    output: context.output,
    parallel_tool_calls: body.parallel_tool_calls ?? true,
    previous_response_id: body.previous_response_id ?? null,
    reasoning: { effort: body.reasoning?.effort ?? null, summary: body.reasoning?.summary ?? body.reasoning?.generate_summary ?? null },
    store: context.store,
    temperature: body.temperature ?? null,
    text: { format: body.text?.format ?? { type: 'text' } },
    tool_choice: body.tool_choice ?? 'auto',
    tools: body.tools ?? [],
    top_p: body.top_p ?? null,
    truncation: 'disabled',
    usage: state.usage,
    metadata: body.metadata ?? {},
  };
}
