import type { GatewayError } from '../core/errors.js';
import type { Usage } from '../core/model-event.js';

/** What routes leave on `res.locals` for middleware (the request signal) and the access log (model, usage). */
declare global {
  namespace Express {
    interface Locals {
      /** Aborts when the client goes away or the gateway's shutdown deadline passes. */
      signal: AbortSignal;
      /** Which configured API key the request matched (a short hash of it); none when keys are not configured. */
      clientKey?: string;
      /** The front whose paths the request is under, for the request metrics. */
      front?: string;
      /** That front's path the request is under, as the front declares it. */
      mount?: string;
      model?: string;
      /** The `<provider>/<model>` that answered, and the router class that chose it. */
      route?: string;
      usage?: Usage;
      /** The failure the response reports (in-stream ones included, which the status code cannot show). */
      error?: GatewayError;
    }
  }
}

export {};
