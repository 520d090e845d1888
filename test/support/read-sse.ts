import { createParser } from 'eventsource-parser';

/** The `data:` payloads of an SSE body, parsed as JSON except the literal `[DONE]`. */
export function readSse(body: string): unknown[] {
  const frames: unknown[] = [];
  const parser = createParser({ onEvent: (event) => frames.push(event.data === '[DONE]' ? '[DONE]' : JSON.parse(event.data)) });
  parser.feed(body);
  return frames;
}
