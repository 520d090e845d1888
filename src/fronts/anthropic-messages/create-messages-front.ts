import { Router } from 'express';
import { collectResult } from '../../core/collect-result.js';
import type { Front, FrontDeps } from '../../http/front.js';
import type { Operation } from '../../http/operation.js';
import { openSessionTurn } from '../../http/open-session-turn.js';
import { startModelRuns } from '../../http/start-model-runs.js';
import { writeSse, type SseDialect } from '../../http/write-sse.js';
import { countTokensRequestSchema, messagesRequestSchema } from '../../wire/anthropic-messages.js';
import { anthropicErrorSchema, countTokensResponseSchema, messageSchema, messageStreamDataSchema } from '../../wire/anthropic-messages-response.js';
import { parseClientBody } from '../../wire/parse-client-body.js';
import { countInputTokens } from './count-tokens.js';
import { decodeMessagesRequest } from './decode-request.js';
import { anthropicErrors, encodeAnthropicError } from './encode-error.js';
import { encodeMessage } from './encode-result.js';
import { encodeMessageStream } from './encode-stream.js';
import { createMessageContext } from './message-context.js';

/** The stream's error event; a `ping` when it has been quiet for a while (the CLI running a web search, say). */
const dialect: SseDialect = {
  encodeError: (error) => ({ event: 'error', data: encodeAnthropicError(error) }),
  terminator: undefined,
  heartbeat: { frame: { event: 'ping', data: { type: 'ping' } }, afterMs: 10_000 },
};

const ask = { model: 'sonnet', max_tokens: 1024, messages: [{ role: 'user', content: 'Say hello.' }] };
const operations: Operation[] = [
  {
    method: 'post',
    path: '/v1/messages',
    id: 'createMessage',
    tag: 'Messages',
    summary: 'Create a message',
    description: "The Anthropic Messages API (what the Anthropic SDKs and Claude Code send). Errors take Anthropic's shape.",
    body: messagesRequestSchema,
    example: ask,
    responses: {
      200: {
        description: 'The message.',
        json: messageSchema,
        stream: { events: messageStreamDataSchema, description: 'With `stream: true`: events, each with an `event:` line naming its `type`.' },
      },
    },
  },
  {
    method: 'post',
    path: '/v1/messages/count_tokens',
    id: 'countMessageTokens',
    tag: 'Messages',
    summary: 'Count the input tokens of a message request',
    description: 'An estimate (cl100k_base), without running the model.',
    body: countTokensRequestSchema,
    example: { model: ask.model, messages: ask.messages },
    responses: { 200: { description: 'The estimate.', json: countTokensResponseSchema } },
  },
];

/** POST /v1/messages (any query string: Claude Code sends `?beta=true`) and POST /v1/messages/count_tokens. */
export function createMessagesFront(deps: FrontDeps): Front {
  const routes = Router();
  routes.post('/', async (req, res) => {
    const session = await openSessionTurn(res, deps.sessions, req.body);
    const decoded = decodeMessagesRequest(req.body, { ...deps, history: session?.history });
    const context = createMessageContext(decoded.model, decoded.showThinking);
    const [started] = await startModelRuns(res, deps.router, decoded.request, {
      model: decoded.model,
      ignored: decoded.ignored,
      maxChoices: deps.maxChoices,
      usage: deps.usage,
      loadMedia: decoded.loadImages,
    });
    const run = session ? session.record(started!, decoded.request) : started!;
    if (decoded.stream) await writeSse(res, encodeMessageStream(run, context), dialect);
    else res.json(encodeMessage(await collectResult(run), context));
  });
  routes.post('/count_tokens', async (req, res) => {
    const body = parseClientBody(countTokensRequestSchema, req.body);
    res.locals.model = body.model;
    deps.router.check(body.model); // an unknown model is a 404, as for messages
    res.json({ input_tokens: await countInputTokens(body, deps.countTokens) });
  });
  return { name: 'anthropic-messages', paths: ['/v1/messages'], routes, encodeError: anthropicErrors, errorSchema: anthropicErrorSchema, operations };
}
