import type { Response } from 'express';
import { tapResult } from '../core/collect-result.js';
import { answerMessage } from '../core/conversation.js';
import { GatewayError } from '../core/errors.js';
import type { ModelEvent } from '../core/model-event.js';
import type { ModelRequest } from '../core/model-request.js';
import { checkSessionId } from '../sessions/check-session-id.js';
import type { Sessions, SessionTurn } from '../sessions/sessions.js';
import { ownerOf } from './owner.js';

export interface OpenSession {
  history: SessionTurn['history'];
  /** The run, with the request's conversation and its answer saved to the session once it completes. */
  record(run: AsyncIterable<ModelEvent>, request: ModelRequest): AsyncIterable<ModelEvent>;
}

/**
 * The session a chat or messages request names in `session_id` (none: undefined), held until the response ends.
 * Only a completed answer is saved: a failed or aborted request leaves the session as it was.
 */
export async function openSessionTurn(res: Response, sessions: Sessions, body: unknown): Promise<OpenSession | undefined> {
  const id = (body as { session_id?: unknown } | null)?.session_id;
  if (id === undefined || id === null) return undefined;
  if (typeof id !== 'string') throw new GatewayError('invalid_request', 'session_id must be a string.', { param: 'session_id' });
  const turn = await sessions.begin(ownerOf(res), checkSessionId(id));
  if (res.locals.signal.aborted || res.destroyed) {
    await turn.release().catch(() => undefined); // the client left while the session was being claimed
    throw res.locals.signal.reason ?? new GatewayError('client_closed', 'The client closed the connection.');
  }
  res.once('close', () => void turn.release().catch(() => undefined));
  return {
    history: turn.history,
    record: (run, request) =>
      // Saved and let go before the client hears the answer is complete, so its next request finds it.
      tapResult(run, (result) => turn.commit({ system: request.system, messages: [...request.messages, answerMessage(result)] })),
  };
}
