import type { Request, RequestHandler } from 'express';
import { ipKeyGenerator, rateLimit, type Store } from 'express-rate-limit';
import { GatewayError } from '../core/errors.js';
import { secondsUntil } from './seconds-until.js';

const passThrough: RequestHandler = (_req, _res, next) => next();
const byAddress = (req: Request) => `ip:${ipKeyGenerator(req.ip ?? '')}`;

/**
 * Requests per minute per client key (the configured key the request matched), with the standard RateLimit headers.
 * Without configured keys the limit is per IP: an unchecked token would let a client pick a fresh bucket for every
 * request. With a shared `store` (Redis) the counts hold across replicas; if it cannot be reached, requests pass
 * (a limit is not worth an outage) until it is back.
 */
export function createRateLimiter(perMinute: number, store?: Store): RequestHandler {
  if (perMinute === 0) return passThrough;
  return rateLimit({
    windowMs: 60_000,
    limit: perMinute,
    standardHeaders: 'draft-8',
    legacyHeaders: false,
    ...(store ? { store, passOnStoreError: true } : {}),
    keyGenerator: (req, res) => (res.locals.clientKey ? `key:${res.locals.clientKey}` : byAddress(req)),
    handler: (req, _res, next) => {
      const retryAfterSeconds = secondsUntil((req as { rateLimit?: { resetTime?: Date } }).rateLimit?.resetTime, 60);
      next(new GatewayError('rate_limited', `Rate limit of ${perMinute} requests per minute exceeded.`, { retryAfterSeconds }));
    },
  });
}
