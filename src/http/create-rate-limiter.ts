import { createHash } from 'node:crypto';
import type { Request, RequestHandler } from 'express';
import { ipKeyGenerator, rateLimit } from 'express-rate-limit';
import { GatewayError } from '../core/errors.js';
import { readApiKey } from './read-api-key.js';

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
    handler: refuseWith('rateLimit', () => `Rate limit of ${perMinute} requests per minute exceeded.`),
  });
}

/**
 * Failed key checks per client address: past the limit, every request from that address gets 429 until the window
 * ends — the right key included, or the answer would still tell a guess from a hit. Runs before the key check,
 * counting only the requests that end in a 401.
 */
export function limitAuthFailures(perMinute: number): RequestHandler {
  if (perMinute === 0) return passThrough;
  return rateLimit({
    windowMs: 60_000,
    limit: perMinute,
    standardHeaders: false,
    legacyHeaders: false,
    requestPropertyName: 'authFailures',
    keyGenerator: byAddress,
    skipSuccessfulRequests: true,
    requestWasSuccessful: (_req, res) => res.statusCode !== 401,
    handler: refuseWith('authFailures', () => `Too many failed API key checks from this address (over ${perMinute} a minute); retry later.`),
  });
}

function refuseWith(property: string, message: () => string): RequestHandler {
  return (req, _res, next) => {
    const resetTime = (req as unknown as Record<string, { resetTime?: Date } | undefined>)[property]?.resetTime;
    const retryAfterSeconds = resetTime ? Math.max(1, Math.ceil((resetTime.getTime() - Date.now()) / 1000)) : 60;
    next(new GatewayError('rate_limited', message(), { retryAfterSeconds }));
  };
}
