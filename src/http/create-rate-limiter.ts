import { createHash } from 'node:crypto';
import type { Request, RequestHandler } from 'express';
import { ipKeyGenerator, rateLimit } from 'express-rate-limit';
import { GatewayError } from '../core/errors.js';
import { readApiKey } from './read-api-key.js';
import { secondsUntil } from './seconds-until.js';

const passThrough: RequestHandler = (_req, _res, next) => next();
const byAddress = (req: Request) => `ip:${ipKeyGenerator(req.ip ?? '')}`;

/**
 * Requests per minute per client key, with the standard RateLimit headers. Without configured keys the limit is per
 * IP: an unchecked bearer token would let a client pick a fresh bucket for every request.
 */
export function createRateLimiter(perMinute: number, keyed: boolean): RequestHandler {
  if (perMinute === 0) return passThrough;
  return rateLimit({
    windowMs: 60_000,
    limit: perMinute,
    standardHeaders: 'draft-8',
    legacyHeaders: false,
    keyGenerator: (req) => {
      const key = keyed ? readApiKey(req) : undefined;
      return key ? `key:${createHash('sha256').update(key).digest('hex')}` : byAddress(req);
    },
    handler: (req, _res, next) => {
      const retryAfterSeconds = secondsUntil((req as { rateLimit?: { resetTime?: Date } }).rateLimit?.resetTime, 60);
      next(new GatewayError('rate_limited', `Rate limit of ${perMinute} requests per minute exceeded.`, { retryAfterSeconds }));
    },
  });
}
