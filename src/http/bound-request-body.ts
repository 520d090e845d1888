import bytes from 'bytes';
import type { RequestHandler } from 'express';
import { GatewayError } from '../core/errors.js';
import { sendError } from './create-error-handler.js';
import type { EncodeError } from './front.js';

/**
 * Bounds what a client can make the gateway wait for before its body is read. A declared Content-Length over the
 * limit is refused at once (the body parser would first wait for the whole body, which may never come), and a body
 * not received within `timeoutMs` gets a 408. Either way the connection is closed, as its unread rest cannot be
 * skipped.
 */
export function boundRequestBody(limit: string, timeoutMs: number, encode: EncodeError): RequestHandler {
  const maxBytes = bytes.parse(limit) ?? Infinity;
  return (req, res, next) => {
    const declared = Number(req.headers['content-length'] ?? 0);
    if (declared > maxBytes) {
      res.set('connection', 'close');
      return next(new GatewayError('payload_too_large', `The request body is larger than BODY_LIMIT (${limit}) allows.`));
    }
    if (declared === 0 && req.headers['transfer-encoding'] === undefined) return next();
    const timer = setTimeout(() => {
      res.set('connection', 'close');
      sendError(req, res, new GatewayError('request_timeout', `The request body did not arrive within ${timeoutMs / 1000} s.`), encode);
      res.once('finish', () => req.socket.destroy()); // the body parser, still waiting, then gives up
    }, timeoutMs);
    req.once('end', () => clearTimeout(timer));
    res.once('close', () => clearTimeout(timer));
    next();
  };
}
