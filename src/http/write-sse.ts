import { once } from 'node:events';
import type { Response } from 'express';
import { GatewayError } from '../core/errors.js';
import { presentError } from './present-error.js';
import { toRequestError } from './to-gateway-error.js';

/** One server-sent event: an optional `event:` line and a `data:` line holding `data` as JSON. */
export interface SseFrame {
  event?: string | undefined;
  data: unknown;
}

export interface SseDialect {
  /** The in-stream error frame(s) of this protocol. */
  encodeError(error: GatewayError): SseFrame | readonly SseFrame[];
  /** Written as the last `data:` line as it is, e.g. `[DONE]`; none when undefined. */
  terminator: string | undefined;
  /** Sent when the stream has been quiet this long (e.g. while the CLI runs a web search); none when undefined. */
  heartbeat?: { frame: SseFrame; afterMs: number } | undefined;
}

/**
 * The only writer of server-sent events. Waits for the first frame before sending headers, so a failure before any
 * output is still an ordinary HTTP error (rethrown here); after that a failure becomes the dialect's error frame.
 * Every write honours back-pressure, and the producer is always closed (releasing its CLI and concurrency slot).
 */
export async function writeSse(res: Response, frames: AsyncIterable<SseFrame>, dialect: SseDialect): Promise<void> {
  const iterator = frames[Symbol.asyncIterator]();
  let next = await iterator.next();
  let heartbeat: NodeJS.Timeout | undefined;
  try {
    res.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-cache, no-transform',
      connection: 'keep-alive',
      'x-accel-buffering': 'no', // nginx and similar proxies must not buffer the stream
    });
    if (dialect.heartbeat) {
      const { frame, afterMs } = dialect.heartbeat;
      heartbeat = setInterval(() => res.writableNeedDrain || res.write(serialise(frame)), afterMs);
    }
    while (!next.done) {
      await writeFrame(res, serialise(next.value));
      heartbeat?.refresh();
      next = await iterator.next();
    }
  } catch (error) {
    // While waiting on a dead or stopping connection, the signal's reason says why (client_closed, shutting_down).
    res.locals.error = toRequestError(error, res.locals.signal);
    const shown = presentError(res.locals.error, String(res.req.id));
    if (!res.destroyed) await writeFrame(res, [dialect.encodeError(shown)].flat().map(serialise).join('')).catch(() => undefined);
  } finally {
    clearInterval(heartbeat);
    if (!next.done) await iterator.return?.(undefined);
  }
  if (dialect.terminator !== undefined && !res.destroyed) await writeFrame(res, `data: ${dialect.terminator}\n\n`).catch(() => undefined);
  res.end();
}

const serialise = ({ event, data }: SseFrame) => `${event === undefined ? '' : `event: ${event}\n`}data: ${JSON.stringify(data)}\n\n`;

async function writeFrame(res: Response, text: string): Promise<void> {
  if (res.destroyed) throw new GatewayError('client_closed', 'The client closed the connection.');
  if (!res.write(text)) await once(res, 'drain', { signal: res.locals.signal });
}
