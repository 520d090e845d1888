import { createHash } from 'node:crypto';
import type { RequestHandler } from 'express';
import { ipKeyGenerator, rateLimit } from 'express-rate-limit';
import { GatewayError } from '../core/errors.js';
import { readApiKey } from './read-api-key.js';

/**
 * Requests per minute per client key, with the standard RateLimit headers. Without configured keys the limit is per
 * IP: an unchecked bearer token would let a client pick a fresh bucket for every request.
 */
export function createRateLimiter(perMinute: number, keyed: boolean): RequestHandler {
  if (perMinute === 0) return (_req, _res, next) => next();
  return rateLimit({
    windowMs: 60_000,
    limit: perMinute,
    standardHeaders: 'draft-8',
    legacyHeaders: false,
    keyGenerator: (req) => {
      const key = keyed ? readApiKey(req) : undefined;
      return key ? `key:${createHash('sha256').update(key).digest('hex')}` : `ip:${ipKeyGenerator(req.ip ?? '')}`;
    },
    handler: (req, _res, next) => {
      const resetTime = (req as { rateLimit?: { resetTime?: Date } }).rateLimit?.resetTime;
      const retryAfterSeconds = resetTime ? Math.max(1, Math.ceil((resetTime.getTime() - Date.now()) / 1000)) : 60;
      next(new GatewayError('rate_limited', `Rate limit of ${perMinute} requests per minute exceeded.`, { retryAfterSeconds }));
    },
  });
}
