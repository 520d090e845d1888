import type { z } from 'zod';
import { GatewayError } from '../core/errors.js';

type Issue = z.core.$ZodIssue;

/**
 * Validates a client body (or the part of it at `at`); the first problem becomes a 400 naming the field, e.g.
 * `messages[1].content`.
 */
export function parseClientBody<T extends z.ZodType>(schema: T, body: unknown, at: ReadonlyArray<string | number> = []): z.infer<T> {
  const parsed = schema.safeParse(body);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0] && deepest(parsed.error.issues[0]);
  const param = issue ? formatPath([...at, ...issue.path]) : undefined;
  const where = param ? `${param}: ` : '';
  throw new GatewayError('invalid_request', `Invalid request: ${where}${issue?.message ?? 'malformed'}`, { param });
}

/**
 * For a value that matches none of a union's options (`content` as a string or blocks), the problem in the option it
 * came closest to — the one whose first issue lies deepest — names the field: `content[0].type`, not `content`.
 */
function deepest(issue: Issue): Issue {
  if (issue.code !== 'invalid_union' || issue.errors.length === 0) return issue;
  let best: Issue | undefined;
  for (const branch of issue.errors) {
    const first = branch[0] && deepest(branch[0]);
    if (first && (best === undefined || first.path.length > best.path.length)) best = first;
  }
  return best && best.path.length > 0 ? { ...best, path: [...issue.path, ...best.path] } : issue;
}

/** `['messages', 1, 'content']` → `messages[1].content`. */
export function formatPath(path: ReadonlyArray<PropertyKey>): string | undefined {
  let out = '';
  for (const key of path) out += typeof key === 'number' ? `[${key}]` : out ? `.${String(key)}` : String(key);
  return out || undefined;
}
