import { createHash, timingSafeEqual } from 'node:crypto';
import type { RequestHandler } from 'express';
import { GatewayError } from '../core/errors.js';
import { readApiKey } from './read-api-key.js';

const digest = (value: string) => createHash('sha256').update(value).digest();

/** Checks the client key against every configured key in constant time; no keys configured means open (loopback). */
export function requireApiKey(keys: readonly string[]): RequestHandler {
  const digests = keys.map(digest);
  return (req, _res, next) => {
    if (digests.length === 0) return next();
    const given = readApiKey(req);
    if (given === undefined) {
      return next(new GatewayError('invalid_api_key', 'Missing API key: send `Authorization: Bearer <key>` or `x-api-key: <key>`.'));
    }
    const candidate = digest(given);
    let match = false;
    for (const known of digests) match = timingSafeEqual(candidate, known) || match;
    next(match ? undefined : new GatewayError('invalid_api_key', 'Invalid API key.'));
  };
}
