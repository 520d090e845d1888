import { GatewayError } from '../core/errors.js';

const validId = /^[A-Za-z0-9_.:-]{1,128}$/;

export function checkSessionId(id: string, param = 'session_id'): string {
  if (!validId.test(id)) throw new GatewayError('invalid_request', 'A session id is 1–128 letters, digits, or _ . : -', { param });
  return id;
}
