import { Router } from 'express';
import { nanoid } from 'nanoid';
import { tapResult, type ModelResult } from '../../core/collect-result.js';
import { answerMessage, noHistory } from '../../core/conversation.js';
import { GatewayError } from '../../core/errors.js';
import type { Front, FrontDeps } from '../../http/front.js';
import type { Operation } from '../../http/operation.js';
import { ownerOf } from '../../http/owner.js';
import { startModelRuns } from '../../http/start-model-runs.js';
import { writeSse, type SseDialect, type SseFrame } from '../../http/write-sse.js';
import { openAiErrorSchema } from '../../wire/openai-chat.js';
import {
  inputItemListSchema,
  responseDeletedSchema,
  responseIdParamsSchema,
  responseObjectSchema,
  responseStreamEventSchema,
  type ResponseObject,
  type ResponseStreamEvent,
} from '../../wire/openai-responses-response.js';
import { inputItemsQuerySchema, responsesRequestSchema } from '../../wire/openai-responses.js';
import { parseClientBody } from '../../wire/parse-client-body.js';
import { encodeOpenAiError, openAiErrors } from '../openai-error.js';
import { decodeResponsesRequest, parseResponsesRequest } from './decode-request.js';
import { encodeResponseEvents } from './encode-events.js';
import { pageOf } from './page-of.js';
import { createResponseContext, responseObject, type ResponseContext } from './response-context.js';
import { createStoredResponses, type StoredResponse } from './stored-responses.js';

/** A failure after the start: `response.failed` (the response so far, with its error), then an `error` event. */
const dialectFor = (context: ResponseContext): SseDialect => ({
  encodeError: (error) => {
    const { message, code, param } = encodeOpenAiError(error).error;
    const response = responseObject(context, { status: 'failed', usage: null, incomplete_details: null, error: { code: error.code, message } });
    return [
      { event: 'response.failed', data: { type: 'response.failed', sequence_number: context.sequence++, response } satisfies ResponseStreamEvent },
      { event: 'error', data: { type: 'error', sequence_number: context.sequence++, code, message, param } satisfies ResponseStreamEvent },
    ];
  },
  terminator: undefined,
});

const stored = "One of this API key's stored responses (`store` was not false), kept for RESPONSE_TTL_DAYS.";
const byId = { tag: 'Responses', params: responseIdParamsSchema, description: stored } as const;
const operations: Operation[] = [
  {
    method: 'post',
    path: '/v1/responses',
    id: 'createResponse',
    tag: 'Responses',
    summary: 'Create a response',
    description: "The OpenAI Responses API; `previous_response_id` continues a stored response's conversation.",
    body: responsesRequestSchema,
    example: { model: 'sonnet', input: 'Say hello.' },
    responses: {
      200: {
        description: 'The response.',
        json: responseObjectSchema,
        stream: { events: responseStreamEventSchema, description: 'With `stream: true`: events, each with an `event:` line naming its `type`.' },
      },
    },
  },
  { ...byId, method: 'get', path: '/v1/responses/{id}', id: 'getResponse', summary: 'Show a stored response', responses: { 200: { description: 'The response.', json: responseObjectSchema } } },
  { ...byId, method: 'delete', path: '/v1/responses/{id}', id: 'deleteResponse', summary: 'Delete a stored response', responses: { 200: { description: 'It is gone.', json: responseDeletedSchema } } },
  {
    ...byId,
    method: 'get',
    path: '/v1/responses/{id}/input_items',
    id: 'listInputItems',
    summary: "List a stored response's input items",
    query: inputItemsQuerySchema,
    responses: { 200: { description: 'A page of its input items.', json: inputItemListSchema } },
  },
];

/**
 * POST /v1/responses (streamed or not), and the stored responses of the caller's key: GET /v1/responses/{id},
 * DELETE /v1/responses/{id}, GET /v1/responses/{id}/input_items. `previous_response_id` continues a stored response's
 * conversation; `store: false` keeps nothing.
 */
export function createResponsesFront(deps: FrontDeps): Front {
  const stored = createStoredResponses(deps.store, deps.responseTtlMs);
  const routes = Router();
  const notFound = (id: string, param?: string) => new GatewayError('not_found', `No response with id '${id}' for this API key.`, { param });
  const find = async (owner: string, id: string, param?: string): Promise<StoredResponse> => {
    const found = await stored.get(owner, id);
    if (found === undefined) throw notFound(id, param);
    return found;
  };

  routes.post('/', async (req, res) => {
    const body = parseResponsesRequest(req.body);
    const owner = ownerOf(res);
    const previous = body.previous_response_id ? await find(owner, body.previous_response_id, 'previous_response_id') : undefined;
    const decoded = decodeResponsesRequest(body, { ...deps, previous: previous?.conversation ?? noHistory });
    if (decoded.store && previous === undefined) await stored.ready(); // not the run, then an answer lost for want of Redis
    const context = createResponseContext(decoded, deps.countTokens);
    const [started] = await startModelRuns(res, deps.router, decoded.request, {
      model: decoded.model,
      ignored: decoded.ignored,
      maxChoices: deps.maxChoices,
      usage: deps.usage,
      loadMedia: decoded.loadImages,
    });
    let result: ModelResult | undefined;
    const run = tapResult(started!, async (answer) => void (result = answer));
    const keep = async (response: ResponseObject) => {
      if (!decoded.store || result === undefined) return;
      await stored.put(owner, {
        response,
        inputItems: decoded.inputItems.map((item) => ({ id: `msg_${nanoid()}`, ...(item as Record<string, unknown>) })),
        conversation: { system: decoded.conversation.system, messages: [...decoded.request.messages, answerMessage(result)] },
      });
    };
    const frames = encodeResponseEvents(run, context, keep);
    if (decoded.stream) await writeSse(res, frames, dialectFor(context));
    else res.json(await lastResponse(frames));
  });
  routes.get('/:id', async (req, res) => void res.json((await find(ownerOf(res), req.params.id)).response));
  routes.delete('/:id', async (req, res) => {
    if (!(await stored.remove(ownerOf(res), req.params.id))) throw notFound(req.params.id);
    res.json({ id: req.params.id, object: 'response.deleted', deleted: true });
  });
  routes.get('/:id/input_items', async (req, res) => {
    const query = parseClientBody(inputItemsQuerySchema, req.query);
    const { inputItems } = await find(ownerOf(res), req.params.id);
    res.json(pageOf(inputItems, query));
  });
  return { name: 'openai-responses', paths: ['/v1/responses'], routes, encodeError: openAiErrors, errorSchema: openAiErrorSchema, operations };
}

async function lastResponse(frames: AsyncIterable<SseFrame>): Promise<ResponseObject> {
  let response: ResponseObject | undefined;
  for await (const { data } of frames) response = (data as { response?: ResponseObject }).response ?? response;
  return response!;
}
