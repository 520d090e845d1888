import type { ModelEvent } from './model-event.js';

/** Drops every tool call after the first `max` (for `parallel_tool_calls: false` where the model cannot be told). */
export async function* limitToolCalls(events: AsyncIterable<ModelEvent>, max: number): AsyncGenerator<ModelEvent> {
  for await (const event of events) {
    if ((event.type === 'tool-call-start' || event.type === 'tool-call-delta') && event.index >= max) continue;
    yield event;
  }
}
