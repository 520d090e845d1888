import { createHash, timingSafeEqual } from 'node:crypto';
import type { RequestHandler } from 'express';
import { GatewayError } from '../core/errors.js';
import type { AuthFailures } from './count-auth-failures.js';
import { readApiKey } from './read-api-key.js';

const digest = (value: string) => createHash('sha256').update(value).digest();

/**
 * Checks the client key against every configured key in constant time; no keys configured means open (loopback).
 * Failed checks are counted per address, and an address past the limit is refused before its key is looked at.
 */
export function requireApiKey(keys: readonly string[], failures: AuthFailures | undefined): RequestHandler {
  const digests = keys.map(digest);
  return async (req, _res, next) => {
    if (digests.length === 0) return next();
    const wait = await failures?.waitFor(req);
    if (wait !== undefined) {
      return next(new GatewayError('rate_limited', 'Too many failed API key checks from this address; retry later.', { retryAfterSeconds: wait }));
    }
    const given = readApiKey(req);
    let match = false;
    if (given !== undefined) {
      const candidate = digest(given);
      for (const known of digests) match = timingSafeEqual(candidate, known) || match;
    }
    if (match) return next();
    await failures?.record(req);
    next(
      new GatewayError(
        'invalid_api_key',
        given === undefined ? 'Missing API key: send `Authorization: Bearer <key>` or `x-api-key: <key>`.' : 'Invalid API key.',
      ),
    );
  };
}
