import { createParser } from 'eventsource-parser';

/** The `data:` payloads of an SSE body, parsed as JSON except the literal `[DONE]`. */
export function readSse(body: string): unknown[] {
  return readSseEvents(body).map((event) => event.data);
}

/** Each event of an SSE body: its `event:` name (if any) and its data, parsed as JSON except `[DONE]`. */
export function readSseEvents(body: string): Array<{ event: string | undefined; data: unknown }> {
  const events: Array<{ event: string | undefined; data: unknown }> = [];
  const parser = createParser({ onEvent: (event) => events.push({ event: event.event, data: event.data === '[DONE]' ? '[DONE]' : JSON.parse(event.data) }) });
  parser.feed(body);
  return events;
}
