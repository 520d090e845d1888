import type { z } from 'zod';
import { GatewayError } from '../core/errors.js';

/**
 * Validates a client body (or the part of it at `at`); the first problem becomes a 400 naming the field, e.g.
 * `messages[1].content`.
 */
export function parseClientBody<T extends z.ZodType>(schema: T, body: unknown, at: ReadonlyArray<string | number> = []): z.infer<T> {
  const parsed = schema.safeParse(body);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const param = issue ? formatPath([...at, ...issue.path]) : undefined;
  const where = param ? `${param}: ` : '';
  throw new GatewayError('invalid_request', `Invalid request body: ${where}${issue?.message ?? 'malformed'}`, { param });
}

/** `['messages', 1, 'content']` → `messages[1].content`. */
export function formatPath(path: ReadonlyArray<PropertyKey>): string | undefined {
  let out = '';
  for (const key of path) out += typeof key === 'number' ? `[${key}]` : out ? `.${String(key)}` : String(key);
  return out || undefined;
}
