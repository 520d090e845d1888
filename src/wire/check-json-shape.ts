import { GatewayError } from '../core/errors.js';
import { formatPath } from './parse-client-body.js';

/** Deeper than any real schema or tool argument, and far below what would overflow the stack. */
export const maxJsonDepth = 64;
/**
 * Far more values than a real request holds (a long agent conversation with dozens of tool schemas has some tens of
 * thousands; an image is one string), and few enough that validating them all stays cheap.
 */
export const maxJsonValues = 500_000;

/**
 * Refuses a JSON value nested deeper than `maxJsonDepth`, or made of more than `maxJsonValues` values. JSON.parse
 * takes 10,000 levels, but later steps (JSON.stringify of a schema or of tool arguments) recurse and would overflow
 * the stack: a 500 for what is a bad request. And a 20 MB array of 7 million numbers would have the validator build
 * an issue for each. The walk recurses at most `maxJsonDepth` deep and allocates nothing on the way; the 400 names
 * the first value too deep, under `at`.
 */
export function checkJsonShape(value: unknown, at: ReadonlyArray<string | number> = []): void {
  const walk = { values: 0 };
  const path = tooDeepAt(value, 0, walk);
  if (walk.values > maxJsonValues) {
    throw new GatewayError('invalid_request', `The request holds more than ${maxJsonValues.toLocaleString('en-US')} JSON values.`, { param: formatPath(at) });
  }
  if (path === undefined) return;
  throw new GatewayError('invalid_request', `The request nests JSON more than ${maxJsonDepth} levels deep.`, { param: formatPath([...at, ...path]) });
}

/** The keys down to the first value nested too deep (built only on the way back up from it), or undefined. */
function tooDeepAt(value: unknown, depth: number, walk: { values: number }): Array<string | number> | undefined {
  walk.values += 1;
  if (typeof value !== 'object' || value === null || walk.values > maxJsonValues) return undefined;
  if (depth >= maxJsonDepth) return [];
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length && walk.values <= maxJsonValues; i += 1) {
      const below = tooDeepAt(value[i], depth + 1, walk);
      if (below) return [i, ...below];
    }
    return undefined;
  }
  for (const key in value) {
    if (walk.values > maxJsonValues) break;
    const below = tooDeepAt((value as Record<string, unknown>)[key], depth + 1, walk);
    if (below) return [key, ...below];
  }
  return undefined;
}
