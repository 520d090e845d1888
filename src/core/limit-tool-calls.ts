import type { ModelEvent } from './model-event.js';

/** Drops every tool call after the first `max` (for `parallel_tool_calls: false` where the model cannot be told). */
export async function* limitToolCalls(events: AsyncIterable<ModelEvent>, max: number): AsyncGenerator<ModelEvent> {
  const kept = new Set<string>();
  for await (const event of events) {
    if (event.type === 'tool-call-start' && kept.size < max) kept.add(event.id);
    if ((event.type === 'tool-call-start' || event.type === 'tool-call-delta' || event.type === 'tool-call-end') && !kept.has(event.id)) continue;
    yield event;
  }
}
