import { GatewayError } from '../core/errors.js';
import { formatPath } from './parse-client-body.js';

/** Deeper than any real schema or tool argument, and far below what would overflow the stack. */
export const maxJsonDepth = 64;

/**
 * Refuses a JSON value nested deeper than `maxJsonDepth`. JSON.parse takes 10,000 levels, but later steps
 * (JSON.stringify of a schema or of tool arguments, validators) recurse and would overflow the stack: a 500 for what
 * is a bad request. The walk recurses at most `maxJsonDepth` deep and allocates nothing on the way (a 20 MB flat
 * array costs one pass); the 400 names the first value too deep, under `at`.
 */
export function checkJsonDepth(value: unknown, at: ReadonlyArray<string | number> = []): void {
  const path = tooDeepAt(value, 0);
  if (path === undefined) return;
  throw new GatewayError('invalid_request', `The request nests JSON more than ${maxJsonDepth} levels deep.`, { param: formatPath([...at, ...path]) });
}

/** The keys down to the first value nested too deep (built only on the way back up from it), or undefined. */
function tooDeepAt(value: unknown, depth: number): Array<string | number> | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  if (depth >= maxJsonDepth) return [];
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i += 1) {
      const below = tooDeepAt(value[i], depth + 1);
      if (below) return [i, ...below];
    }
    return undefined;
  }
  for (const key in value) {
    const below = tooDeepAt((value as Record<string, unknown>)[key], depth + 1);
    if (below) return [key, ...below];
  }
  return undefined;
}
