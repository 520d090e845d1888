import type { Backend } from '../core/backend.js';
import { isGatewayError } from '../core/errors.js';
import type { ModelEvent } from '../core/model-event.js';
import type { ModelRouter } from '../routing/create-model-router.js';
import type { GatewayMetrics } from './create-metrics.js';
import { modelLabel } from './model-label.js';

type RunMetrics = Pick<GatewayMetrics, 'firstContent' | 'runDuration' | 'tokens' | 'cost' | 'upstreamErrors'>;

const contentEvents = new Set<ModelEvent['type']>(['text-delta', 'reasoning-delta', 'tool-call-start']);

/**
 * The router with every backend it selects metered: time to first content, run duration by provider, tokens and cost
 * of finished runs, failures by error code. Every front's runs go through `select`, so none is left out.
 */
export function meterRouter(router: ModelRouter, metrics: RunMetrics): ModelRouter {
  const label = modelLabel(router);
  // The router's other members are inherited, getters included (the live router's change with each reload).
  return Object.create(router, {
    select: {
      value: (request: Parameters<ModelRouter['select']>[0]) => {
        const routed = router.select(request);
        const labels = { provider: routed.route.slice(0, routed.route.indexOf('/')), model: label(request.model) };
        return { ...routed, backend: meterBackend(routed.backend, labels, metrics) };
      },
    },
  }) as ModelRouter;
}

function meterBackend(backend: Backend, labels: { provider: string; model: string }, metrics: RunMetrics): Backend {
  return {
    stream: (request, options) => meterRun(backend.stream(request, options), labels, metrics),
    ignores: (request) => backend.ignores(request),
    status: () => backend.status(),
    authStatus: () => backend.authStatus(),
    ...(backend.quota ? { quota: () => backend.quota!() } : {}),
  };
}

async function* meterRun(events: AsyncIterable<ModelEvent>, labels: { provider: string; model: string }, metrics: RunMetrics): AsyncGenerator<ModelEvent> {
  const stopRun = metrics.runDuration.startTimer(labels);
  const stopFirst = metrics.firstContent.startTimer(labels);
  let waiting = true;
  let outcome: string | undefined;
  try {
    for await (const event of events) {
      if (waiting && contentEvents.has(event.type)) {
        waiting = false;
        stopFirst();
      }
      if (event.type === 'finish') {
        const { usage } = event;
        for (const [kind, count] of [['input', usage.inputTokens], ['output', usage.outputTokens], ['cache_read', usage.cacheReadTokens], ['cache_creation', usage.cacheCreationTokens]] as const) {
          metrics.tokens.inc({ ...labels, kind }, count);
        }
        if (event.costUsd !== undefined) metrics.cost.inc(labels, event.costUsd);
        outcome = 'finished';
      }
      yield event;
    }
  } catch (error) {
    const code = isGatewayError(error) ? error.code : 'internal_error';
    // A client that left, or a stop the gateway chose, is not the upstream's failure.
    if (code !== 'client_closed') metrics.upstreamErrors.inc({ provider: labels.provider, code });
    outcome = code === 'client_closed' ? 'abandoned' : 'failed';
    throw error;
  } finally {
    stopRun({ outcome: outcome ?? 'abandoned' }); // no outcome: the consumer stopped early (a stop sequence, n>1)
  }
}
