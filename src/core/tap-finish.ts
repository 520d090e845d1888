import type { ModelEvent } from './model-event.js';

export type FinishEvent = Extract<ModelEvent, { type: 'finish' }>;

/** Passes events through unchanged and reports the finish event (for usage logging) on the way. */
export async function* tapFinish(events: AsyncIterable<ModelEvent>, onFinish: (event: FinishEvent) => void): AsyncGenerator<ModelEvent> {
  for await (const event of events) {
    if (event.type === 'finish') onFinish(event);
    yield event;
  }
}
