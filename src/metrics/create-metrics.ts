import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

/** What the gauges read when Prometheus scrapes: live counts, never a copy that could drift. */
export interface MetricSources {
  /** CLI processes alive now (running a request, or pre-started in the pool). */
  cliProcesses: () => number;
  /** The concurrency gates by name (`cli`, `embeddings`): slots in use and requests waiting. */
  queues: Readonly<Record<string, { readonly active: number; readonly queued: number }>>;
}

export type GatewayMetrics = ReturnType<typeof createMetrics>;

/** Seconds: from a fast cached answer to a long agent run. */
const durationBuckets = [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300, 600];

/**
 * The gateway's metrics in a registry of its own (no prom-client global), with Node's process metrics beside them.
 * Every label takes values from a bounded set: fronts, route patterns, status codes, error codes, configured
 * providers and listed model names (anything else is `other`).
 */
export function createMetrics(sources: MetricSources) {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  const registers = [registry];
  const queues = Object.entries(sources.queues);
  return {
    registry,
    requests: new Counter({ name: 'gateway_requests_total', help: 'HTTP requests answered, by front, route pattern, status and model.', labelNames: ['front', 'route', 'status', 'model'], registers }),
    requestDuration: new Histogram({ name: 'gateway_request_duration_seconds', help: 'From the request to the end of its response (a stream: its last byte).', labelNames: ['front', 'route', 'model'], buckets: durationBuckets, registers }),
    firstContent: new Histogram({ name: 'gateway_time_to_first_content_seconds', help: "From a model run's start (queue wait included) to its first text, reasoning or tool-call delta.", labelNames: ['provider', 'model'], buckets: durationBuckets, registers }),
    runDuration: new Histogram({ name: 'gateway_model_run_duration_seconds', help: 'A model run from its start to its finish or failure, by provider (latency of routed models).', labelNames: ['provider', 'model', 'outcome'], buckets: durationBuckets, registers }),
    tokens: new Counter({ name: 'gateway_tokens_total', help: 'Tokens of finished runs, by model and kind (input, output, cache_read, cache_creation).', labelNames: ['provider', 'model', 'kind'], registers }),
    cost: new Counter({ name: 'gateway_cost_usd_total', help: "Cost in US dollars the backend reported for finished runs (the CLI's total_cost_usd).", labelNames: ['provider', 'model'], registers }),
    upstreamErrors: new Counter({ name: 'gateway_upstream_errors_total', help: 'Model runs that failed, by provider and gateway error code.', labelNames: ['provider', 'code'], registers }),
    queueWait: new Histogram({ name: 'gateway_queue_wait_seconds', help: 'Time a request waited for a concurrency slot, by queue.', labelNames: ['queue'], buckets: [0.001, 0.01, 0.1, 0.5, 1, 2.5, 5, 10, 30], registers }),
    cliProcesses: new Gauge({
      name: 'gateway_cli_processes',
      help: 'Claude CLI processes alive (running a request, or pre-started in the pool).',
      registers,
      collect() {
        this.set(sources.cliProcesses());
      },
    }),
    queueDepth: new Gauge({
      name: 'gateway_queue_depth',
      help: 'Requests waiting for a concurrency slot, by queue.',
      labelNames: ['queue'],
      registers,
      collect() {
        for (const [queue, gate] of queues) this.set({ queue }, gate.queued);
      },
    }),
    slotsInUse: new Gauge({
      name: 'gateway_slots_in_use',
      help: 'Concurrency slots in use, by queue.',
      labelNames: ['queue'],
      registers,
      collect() {
        for (const [queue, gate] of queues) this.set({ queue }, gate.active);
      },
    }),
  };
}
