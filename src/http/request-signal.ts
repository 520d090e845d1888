import type { RequestHandler } from 'express';

/**
 * Gives each request `res.locals.signal`: aborted when the client disconnects before the response is finished, or
 * when the gateway's shutdown deadline passes. Backends pass it on to the CLI, which is killed when it fires.
 */
export function attachRequestSignal(shutdownDeadline: AbortSignal): RequestHandler {
  return (_req, res, next) => {
    const clientGone = new AbortController();
    res.on('close', () => {
      if (!res.writableFinished) clientGone.abort(new Error('The client closed the connection.'));
    });
    res.locals.signal = AbortSignal.any([clientGone.signal, shutdownDeadline]);
    next();
  };
}
