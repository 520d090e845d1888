import type { Backend } from '../core/backend.js';
import type { ModelEvent, Usage } from '../core/model-event.js';
import type { Price } from './routing-file-schema.js';

/** What `usage` costs at `price` (USD per million tokens). */
export function priceUsage(usage: Usage, price: Price): number {
  const { input, output, cache_read: cacheRead = input, cache_creation: cacheCreation = input } = price;
  return (usage.inputTokens * input + usage.outputTokens * output + usage.cacheReadTokens * cacheRead + usage.cacheCreationTokens * cacheCreation) / 1e6;
}

/**
 * The backend with a cost on each finish, from the config file's price for the upstream model asked for: an
 * OpenAI-compatible server reports tokens, never money. A model without a price keeps its cost unknown.
 */
export function priceRuns<B extends Backend>(backend: B, prices: Readonly<Record<string, Price>>): B {
  const priced = async function* (events: AsyncIterable<ModelEvent>, price: Price): AsyncGenerator<ModelEvent> {
    for await (const event of events) yield event.type === 'finish' && event.costUsd === undefined ? { ...event, costUsd: priceUsage(event.usage, price) } : event;
  };
  return {
    ...backend,
    stream: (request, options) => {
      const price = Object.hasOwn(prices, request.model) ? prices[request.model] : undefined;
      return price ? priced(backend.stream(request, options), price) : backend.stream(request, options);
    },
  };
}
