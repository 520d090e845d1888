import { createHash, timingSafeEqual } from 'node:crypto';
import type { RequestHandler } from 'express';
import { GatewayError } from '../core/errors.js';
import type { AuthFailures } from './count-auth-failures.js';
import { keyId } from './key-id.js';
import { readApiKeys } from './read-api-key.js';

const digest = (value: string) => createHash('sha256').update(value).digest();

/**
 * Checks the client's keys against every configured key in constant time; no keys configured means open (loopback).
 * A request passes when a key it sent matches, and `res.locals.clientKey` then names that configured key (its
 * `keyId`, never the key) for the rate limit and whatever else is per client. Failed checks are counted per address, and an
 * address past the limit is refused before its keys are looked at.
 */
export function requireApiKey(keys: readonly string[], failures: AuthFailures | undefined): RequestHandler {
  const known = keys.map((key) => ({ digest: digest(key), id: keyId(key) }));
  return async (req, res, next) => {
    if (known.length === 0) return next();
    const wait = await failures?.waitFor(req);
    if (wait !== undefined) {
      return next(new GatewayError('rate_limited', 'Too many failed API key checks from this address; retry later.', { retryAfterSeconds: wait }));
    }
    const given = readApiKeys(req);
    let matched: string | undefined;
    for (const candidate of given.map(digest)) {
      for (const key of known) if (timingSafeEqual(candidate, key.digest)) matched = key.id;
    }
    if (matched !== undefined) {
      res.locals.clientKey = matched;
      return next();
    }
    await failures?.record(req);
    next(
      new GatewayError(
        'invalid_api_key',
        given.length === 0 ? 'Missing API key: send `Authorization: Bearer <key>` or `x-api-key: <key>`.' : 'Invalid API key.',
      ),
    );
  };
}
