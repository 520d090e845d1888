import type { UpstreamEvent } from './encode-message-events.js';

/** One stream event as the API writes it: an `event:` line naming its type, then its JSON. */
export const encodeSseEvent = (event: UpstreamEvent): string => `event: ${event.type}\ndata: ${JSON.stringify(event)}\n\n`;
