import { once } from 'node:events';
import type { Response } from 'express';
import { GatewayError } from '../core/errors.js';
import { presentError } from './present-error.js';
import { toRequestError } from './to-gateway-error.js';

export interface SseDialect {
  /** The in-stream error frame of this protocol. */
  encodeError(error: GatewayError): unknown;
  /** Written as the last `data:` line, e.g. `[DONE]`; none when undefined. */
  terminator: string | undefined;
}

/**
 * The only writer of `data:` lines. Waits for the first chunk before sending headers, so a failure before any output
 * is still an ordinary HTTP error (rethrown here); after that a failure becomes the dialect's error frame. Every
 * write honours back-pressure, and the producer is always closed (releasing its CLI and concurrency slot).
 */
export async function writeSse(res: Response, chunks: AsyncIterable<unknown>, dialect: SseDialect): Promise<void> {
  const iterator = chunks[Symbol.asyncIterator]();
  let next = await iterator.next();
  try {
    res.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-cache, no-transform',
      connection: 'keep-alive',
      'x-accel-buffering': 'no', // nginx and similar proxies must not buffer the stream
    });
    while (!next.done) {
      await writeFrame(res, JSON.stringify(next.value));
      next = await iterator.next();
    }
  } catch (error) {
    // While waiting on a dead or stopping connection, the signal's reason says why (client_closed, shutting_down).
    res.locals.error = toRequestError(error, res.locals.signal);
    const shown = presentError(res.locals.error, String(res.req.id));
    if (!res.destroyed) await writeFrame(res, JSON.stringify(dialect.encodeError(shown))).catch(() => undefined);
  } finally {
    if (!next.done) await iterator.return?.(undefined);
  }
  if (dialect.terminator !== undefined && !res.destroyed) await writeFrame(res, dialect.terminator).catch(() => undefined);
  res.end();
}

async function writeFrame(res: Response, data: string): Promise<void> {
  if (res.destroyed) throw new GatewayError('client_closed', 'The client closed the connection.');
  if (!res.write(`data: ${data}\n\n`)) await once(res, 'drain', { signal: res.locals.signal });
}
