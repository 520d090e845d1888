import type { RequestHandler } from 'express';
import { GatewayError } from '../core/errors.js';
import { formatPath } from '../wire/parse-client-body.js';

interface Frame {
  value: unknown;
  depth: number;
  key: string | number | undefined;
  parent: Frame | undefined;
}

/**
 * Refuses a JSON body nested deeper than `maxDepth`. JSON.parse takes 10,000 levels, but later steps (JSON.stringify
 * of a schema or of tool arguments, validators) recurse and would overflow the stack: a 500 for what is a bad
 * request. Walked without recursion; the 400 names the first value too deep.
 */
export function limitJsonDepth(maxDepth: number): RequestHandler {
  return (req, _res, next) => {
    const tooDeep = findTooDeep(req.body, maxDepth);
    if (tooDeep === undefined) return next();
    next(new GatewayError('invalid_request', `The request body is nested more than ${maxDepth} levels deep.`, { param: pathOf(tooDeep) }));
  };
}

function findTooDeep(body: unknown, maxDepth: number): Frame | undefined {
  const stack: Frame[] = [{ value: body, depth: 0, key: undefined, parent: undefined }];
  for (let frame = stack.pop(); frame !== undefined; frame = stack.pop()) {
    const { value, depth } = frame;
    if (typeof value !== 'object' || value === null) continue;
    if (depth >= maxDepth) return frame;
    if (Array.isArray(value)) value.forEach((item, index) => stack.push({ value: item, depth: depth + 1, key: index, parent: frame }));
    else for (const [key, item] of Object.entries(value)) stack.push({ value: item, depth: depth + 1, key, parent: frame });
  }
  return undefined;
}

function pathOf(frame: Frame): string | undefined {
  const keys: Array<string | number> = [];
  for (let at: Frame | undefined = frame; at?.key !== undefined; at = at.parent) keys.unshift(at.key);
  return formatPath(keys);
}
