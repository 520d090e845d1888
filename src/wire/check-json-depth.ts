import { GatewayError } from '../core/errors.js';
import { formatPath } from './parse-client-body.js';

/** Deeper than any real schema or tool argument, and far below what would overflow the stack. */
export const maxJsonDepth = 64;

interface Frame {
  value: unknown;
  depth: number;
  key: string | number | undefined;
  parent: Frame | undefined;
}

/**
 * Refuses a JSON value nested deeper than `maxJsonDepth`. JSON.parse takes 10,000 levels, but later steps
 * (JSON.stringify of a schema or of tool arguments, validators) recurse and would overflow the stack: a 500 for what
 * is a bad request. Walked without recursion; the 400 names the first value too deep, under `at`.
 */
export function checkJsonDepth(value: unknown, at: ReadonlyArray<string | number> = []): void {
  const tooDeep = findTooDeep(value);
  if (tooDeep === undefined) return;
  const keys: Array<string | number> = [];
  for (let frame: Frame | undefined = tooDeep; frame?.key !== undefined; frame = frame.parent) keys.unshift(frame.key);
  throw new GatewayError('invalid_request', `The request nests JSON more than ${maxJsonDepth} levels deep.`, { param: formatPath([...at, ...keys]) });
}

function findTooDeep(root: unknown): Frame | undefined {
  const stack: Frame[] = [{ value: root, depth: 0, key: undefined, parent: undefined }];
  for (let frame = stack.pop(); frame !== undefined; frame = stack.pop()) {
    const { value, depth } = frame;
    if (typeof value !== 'object' || value === null) continue;
    if (depth >= maxJsonDepth) return frame;
    if (Array.isArray(value)) value.forEach((item, index) => stack.push({ value: item, depth: depth + 1, key: index, parent: frame }));
    else for (const [key, item] of Object.entries(value)) stack.push({ value: item, depth: depth + 1, key, parent: frame });
  }
  return undefined;
}
