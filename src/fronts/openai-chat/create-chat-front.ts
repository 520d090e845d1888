import { Router } from 'express';
import { collectResult } from '../../core/collect-result.js';
import { GatewayError } from '../../core/errors.js';
import { mergeIndexed } from '../../core/merge-indexed.js';
import type { Front, FrontDeps } from '../../http/front.js';
import type { Operation } from '../../http/operation.js';
import { openSessionTurn } from '../../http/open-session-turn.js';
import { startModelRuns } from '../../http/start-model-runs.js';
import { writeSse } from '../../http/write-sse.js';
import { chatCompletionRequestSchema, chatCompletionSchema, chatStreamDataSchema, openAiErrorSchema } from '../../wire/openai-chat.js';
import { encodeOpenAiError, openAiErrors } from '../openai-error.js';
import { createCompletionContext } from './completion-context.js';
import { decodeChatRequest } from './decode-request.js';
import { encodeChatResult } from './encode-result.js';
import { encodeChatStream } from './encode-stream.js';

const dialect = { encodeError: (error: Parameters<typeof encodeOpenAiError>[0]) => ({ data: encodeOpenAiError(error) }), terminator: '[DONE]' };

const operations: Operation[] = [
  {
    method: 'post',
    path: '/v1/chat/completions',
    id: 'createChatCompletion',
    tag: 'Chat completions',
    summary: 'Create a chat completion',
    description: "OpenAI's chat completions, answered by the model `model` routes to (the Claude Code CLI unless a config file says otherwise).",
    body: chatCompletionRequestSchema,
    example: { model: 'sonnet', messages: [{ role: 'user', content: 'Say hello.' }] },
    responses: {
      200: {
        description: 'The completion, one choice per `n`.',
        json: chatCompletionSchema,
        stream: { events: chatStreamDataSchema, description: 'With `stream: true`: a chunk in each `data:` line, then `data: [DONE]`.' },
      },
    },
  },
];

/** POST /v1/chat/completions: decode → run on the backend → encode as a stream or one completion. */
export function createChatFront(deps: FrontDeps): Front {
  const routes = Router();
  routes.post('/', async (req, res) => {
    const session = await openSessionTurn(res, deps.sessions, req.body);
    const decoded = decodeChatRequest(req.body, { ...deps, history: session?.history });
    if (session && decoded.choices > 1) throw new GatewayError('invalid_request', 'A session holds one conversation: n must be 1 with session_id.', { param: 'n' });
    const context = createCompletionContext(decoded.model, {
      legacyFunctions: decoded.legacyFunctions,
      includeReasoning: decoded.includeReasoning ?? deps.includeReasoning,
      stopSequences: decoded.request.stopSequences,
    });
    const started = await startModelRuns(res, deps.router, decoded.request, {
      model: decoded.model,
      ignored: decoded.ignored,
      choices: decoded.choices,
      maxChoices: deps.maxChoices,
      usage: deps.usage,
      loadMedia: decoded.loadImages,
    });
    const runs = session ? [session.record(started[0]!, decoded.request)] : started;
    if (decoded.stream) {
      const chunks = encodeChatStream(mergeIndexed(runs), context, { includeUsage: decoded.includeUsage, choices: runs.length });
      await writeSse(res, chunks, dialect);
    } else {
      res.json(encodeChatResult(await Promise.all(runs.map(collectResult)), context));
    }
  });
  return { name: 'openai-chat', paths: ['/v1/chat/completions'], routes, encodeError: openAiErrors, errorSchema: openAiErrorSchema, operations };
}
