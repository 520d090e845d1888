import { GatewayError } from '../core/errors.js';
import { checkJsonDepth } from './check-json-depth.js';
import { checkJsonSize } from './check-json-size.js';

/** A tool call's arguments as a client sends them back in history: a JSON text (empty means none), within the limits. */
export function parseToolArguments(json: string, param: string): unknown {
  checkJsonSize(json, param);
  let parsed: unknown;
  try {
    parsed = JSON.parse(json || '{}');
  } catch {
    throw new GatewayError('invalid_request', 'Tool call arguments must be a JSON text.', { param });
  }
  checkJsonDepth(parsed, [param]);
  return parsed;
}
