import { Router } from 'express';
import type { Backend } from '../../core/backend.js';
import { GatewayError } from '../../core/errors.js';
import { collectResult } from '../../core/collect-result.js';
import type { ModelCatalog } from '../../core/model-catalog.js';
import type { ImageFetcher } from '../../media/image-fetcher.js';
import { mergeIndexed } from '../../core/merge-indexed.js';
import { tapFinish } from '../../core/tap-finish.js';
import { writeSse } from '../../http/write-sse.js';
import { createCompletionContext } from './completion-context.js';
import { decodeChatRequest } from './decode-request.js';
import { encodeOpenAiError } from './encode-error.js';
import { encodeChatResult } from './encode-result.js';
import { encodeChatStream } from './encode-stream.js';
import { sumUsage } from '../../core/usage.js';

export interface ChatRouterDeps {
  backend: Backend;
  catalog: ModelCatalog;
  fetchImage: ImageFetcher;
  /** Send the model's thinking as `reasoning_content` unless a request says otherwise. */
  includeReasoning: boolean;
  /** The most runs (`n`) one request may ask for: each takes a concurrency slot, and they must run side by side. */
  maxChoices: number;
}

const dialect = { encodeError: encodeOpenAiError, terminator: '[DONE]' };

/** POST /v1/chat/completions: decode → run on the backend → encode as a stream or one completion. */
export function createChatRouter({ backend, catalog, fetchImage, includeReasoning, maxChoices }: ChatRouterDeps): Router {
  const router = Router();
  router.post('/v1/chat/completions', async (req, res) => {
    const decoded = decodeChatRequest(req.body, { catalog, fetchImage });
    if (decoded.choices > maxChoices) {
      throw new GatewayError('invalid_request', `n may be at most ${maxChoices} here: each choice needs a CLI process of its own (MAX_CONCURRENCY).`, {
        param: 'n',
      });
    }
    res.locals.model = decoded.model;
    if (decoded.ignored.length > 0) res.set('x-ignored-params', decoded.ignored.join(', '));
    const context = createCompletionContext(decoded.model, {
      legacyFunctions: decoded.legacyFunctions,
      includeReasoning: decoded.includeReasoning ?? includeReasoning,
    });
    // n > 1: independent runs, each holding its own concurrency slot. When the response ends, in failure or not,
    // whatever still runs (the other choices, queued ones included) is stopped.
    const done = new AbortController();
    const signal = AbortSignal.any([res.locals.signal, done.signal]);
    const runs = Array.from({ length: decoded.choices }, () =>
      tapFinish(backend.stream(decoded.request, { signal }), (finish) => {
        res.locals.usage = res.locals.usage ? sumUsage([res.locals.usage, finish.usage]) : finish.usage;
      }),
    );
    try {
      await decoded.loadImages(res.locals.signal); // after the backend has checked the request
      if (decoded.stream) {
        const chunks = encodeChatStream(mergeIndexed(runs), context, { includeUsage: decoded.includeUsage, choices: runs.length });
        await writeSse(res, chunks, dialect);
      } else {
        res.json(encodeChatResult(await Promise.all(runs.map(collectResult)), context));
      }
    } finally {
      done.abort(new GatewayError('client_closed', 'The response is complete.'));
    }
  });
  return router;
}
