import { createHash } from 'node:crypto';

/**
 * A configured API key's non-secret id: the first 16 hex digits of its SHA-256. What `res.locals.clientKey` holds,
 * what sessions and usage are kept under and what GET /v1/usage shows; an operator finds a key's id with
 * `printf %s "$KEY" | sha256sum | cut -c1-16`.
 */
export const keyId = (key: string): string => createHash('sha256').update(key).digest('hex').slice(0, 16);
