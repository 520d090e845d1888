import type { Response } from 'express';
import type { Backend } from '../core/backend.js';
import { GatewayError } from '../core/errors.js';
import type { ModelEvent } from '../core/model-event.js';
import type { ModelRequest } from '../core/model-request.js';
import { sumUsage } from '../core/usage.js';
import type { ModelRouter } from '../routing/create-model-router.js';
import type { UsageLedger } from '../usage/create-usage-ledger.js';
import { ownerOf } from './owner.js';
import { setQuotaHeaders } from './set-quota-headers.js';

export interface ModelRunOptions {
  /** The model as the client named it, for the access log. */
  model: string;
  /** Fields the client sent that the gateway does not apply, reported in `x-ignored-params`. */
  ignored: readonly string[];
  /** Independent runs of the request (OpenAI's `n`). */
  choices?: number;
  /** The most runs one request may ask for: each takes a concurrency slot, and they must run side by side. */
  maxChoices: number;
  /** Fetches what the request refers to (images), once everything cheaper has been checked. */
  loadMedia?: ((signal: AbortSignal) => Promise<void>) | undefined;
  /** Where each finished run's tokens and cost are added to the caller's totals. */
  usage: Pick<UsageLedger, 'record'>;
}

/**
 * The one path every front takes to a backend: the request routed (`x-gateway-route` says where), `choices` runs of
 * it, checked by the backend before anything is fetched or queued, the model, route and usage added up for the access
 * log and to the caller's usage (GET /v1/usage), the fields neither the front nor the routed backend applies reported,
 * the backend's quota in headers (the latest known when the response starts: a stream's first event, a whole answer's
 * end), and —
 * when the response ends, in failure or not — whatever still runs (other choices, queued ones included) stopped. The
 * runs start when first pulled.
 */
export async function startModelRuns(res: Response, router: ModelRouter, request: ModelRequest, options: ModelRunOptions): Promise<Array<AsyncIterable<ModelEvent>>> {
  res.locals.model = options.model;
  const { backend, request: routed, route, class: chosenBy } = router.select(request);
  res.locals.route = chosenBy ? `${route} (${chosenBy})` : route;
  res.set('x-gateway-route', route);
  const ignored = [...options.ignored, ...backend.ignores(routed)];
  if (ignored.length > 0) res.set('x-ignored-params', ignored.join(', '));
  setQuotaHeaders(res, backend.quota?.());
  const choices = options.choices ?? 1;
  if (choices > options.maxChoices) {
    throw new GatewayError('invalid_request', `n may be at most ${options.maxChoices} here: each choice needs a CLI process of its own (MAX_CONCURRENCY).`, {
      param: 'n',
    });
  }
  const done = new AbortController();
  res.once('close', () => done.abort(new GatewayError('client_closed', 'The response is complete.')));
  const signal = AbortSignal.any([res.locals.signal, done.signal]);
  // One entry per request, once every choice has finished: a request one of whose runs fails adds nothing.
  const finishes: FinishEvent[] = [];
  const record = async (event: FinishEvent) => {
    finishes.push(event);
    if (finishes.length < choices) return;
    const costs = finishes.map((finish) => finish.costUsd).filter((cost) => cost !== undefined);
    const costUsd = costs.length > 0 ? costs.reduce((sum, cost) => sum + cost, 0) : undefined;
    const usage = sumUsage(finishes.map((finish) => finish.usage));
    await options.usage.record(ownerOf(res), { model: route, usage, costUsd, requests: 1, unpriced: costs.length < finishes.length ? 1 : 0 });
  };
  const runs = Array.from({ length: choices }, () => countUsage(res, backend, record, backend.stream(routed, { signal })));
  await options.loadMedia?.(res.locals.signal);
  return runs;
}

type FinishEvent = Extract<ModelEvent, { type: 'finish' }>;

/**
 * Usage for the access log and the caller's totals; the backend's quota in the headers once the run is over, for an
 * answer sent after it (a stream's headers went with its first event, before the CLI reports).
 */
async function* countUsage(res: Response, backend: Backend, record: (event: FinishEvent) => Promise<void>, events: AsyncIterable<ModelEvent>): AsyncGenerator<ModelEvent> {
  try {
    for await (const event of events) {
      if (event.type === 'finish') {
        res.locals.usage = res.locals.usage ? sumUsage([res.locals.usage, event.usage]) : event.usage;
        // Before the client hears the end, so a GET /v1/usage it sends next includes this run.
        await record(event);
      }
      yield event;
    }
  } finally {
    setQuotaHeaders(res, backend.quota?.()); // an error response, too, says what the failed run reported
  }
}
