import { setMaxListeners } from 'node:events';
import type { RequestHandler } from 'express';
import { GatewayError } from '../core/errors.js';

/**
 * Gives each request `res.locals.signal`: aborted when the client disconnects before the response is finished, or
 * with a `shutting_down` error when the gateway's shutdown deadline passes. Backends pass it on to the CLI, which is
 * killed when it fires.
 */
export function attachRequestSignal(shutdownDeadline: AbortSignal): RequestHandler {
  setMaxListeners(0, shutdownDeadline); // one listener per in-flight request, removed when it ends
  return (_req, res, next) => {
    const controller = new AbortController();
    const onShutdown = () => controller.abort(new GatewayError('shutting_down', 'The gateway shut down before the request finished.'));
    if (shutdownDeadline.aborted) onShutdown();
    else shutdownDeadline.addEventListener('abort', onShutdown, { once: true });
    res.on('close', () => {
      shutdownDeadline.removeEventListener('abort', onShutdown);
      if (!res.writableFinished) controller.abort(new GatewayError('client_closed', 'The client closed the connection.'));
    });
    res.locals.signal = controller.signal;
    next();
  };
}
