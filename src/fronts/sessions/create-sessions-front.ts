import { Router, type Response } from 'express';
import { GatewayError } from '../../core/errors.js';
import type { Front } from '../../http/front.js';
import type { Operation } from '../../http/operation.js';
import { ownerOf } from '../../http/owner.js';
import { checkSessionId } from '../../sessions/check-session-id.js';
import type { Sessions, SessionSummary } from '../../sessions/sessions.js';
import { openAiErrorSchema } from '../../wire/openai-chat.js';
import { sessionDeletedSchema, sessionDetailSchema, sessionIdParamsSchema, sessionListSchema, sessionSchema, sessionStatsSchema, type Session } from '../../wire/sessions.js';
import { openAiErrors } from '../openai-error.js';

const seconds = (ms: number) => Math.floor(ms / 1000);

type Json = Operation['responses'][number]['json'];
const op = (method: Operation['method'], path: string, id: string, summary: string, [status, description, json]: [number, string, Json]): Operation => ({
  method,
  path: `/v1/sessions${path}`,
  id,
  tag: 'Sessions',
  summary,
  description: "The caller's sessions: another API key's are not found.",
  ...(path.includes('{id}') ? { params: sessionIdParamsSchema } : {}),
  responses: { [status]: { description, json } },
});
const operations: Operation[] = [
  op('post', '', 'createSession', 'Create a session', [201, 'The new session, empty.', sessionSchema]),
  op('get', '', 'listSessions', 'List the sessions', [200, 'Every session of this key.', sessionListSchema]),
  op('get', '/stats', 'getSessionStats', 'Sum the sessions up', [200, 'Counts, and the limits that apply.', sessionStatsSchema]),
  op('get', '/{id}', 'getSession', 'Show a session', [200, 'The session with its history.', sessionDetailSchema]),
  op('delete', '/{id}', 'deleteSession', 'Delete a session', [200, 'It is gone.', sessionDeletedSchema]),
  op('post', '/{id}/clear', 'clearSession', 'Empty a session', [200, 'The session, now without messages.', sessionSchema]),
];

function encodeSummary(session: SessionSummary, ttlMs: number): Session {
  return {
    id: session.id,
    object: 'session',
    messages: session.messages,
    created_at: seconds(session.createdAt),
    last_used_at: seconds(session.lastUsedAt),
    expires_at: seconds(session.lastUsedAt + ttlMs),
  };
}

/**
 * /v1/sessions: the caller's sessions (another key's are not found). POST creates one, GET lists them, /stats sums
 * them up, /{id} shows one with its history, DELETE removes it and /{id}/clear empties it.
 */
export function createSessionsFront(sessions: Sessions): Front {
  const { ttlMs } = sessions.settings;
  const routes = Router();
  const notFound = (id: string) => new GatewayError('not_found', `No session ${id} for this API key.`, { param: 'session_id' });
  const idOf = (res: Response) => checkSessionId(String(res.req.params.id), 'session_id');

  routes.post('/', async (_req, res) => void res.status(201).json(encodeSummary(await sessions.create(ownerOf(res)), ttlMs)));
  routes.get('/', async (_req, res) => {
    const list = await sessions.list(ownerOf(res));
    res.json({ object: 'list', data: list.map((session) => encodeSummary(session, ttlMs)) });
  });
  routes.get('/stats', async (_req, res) => {
    const list = await sessions.list(ownerOf(res));
    res.json({
      object: 'session.stats',
      sessions: list.length,
      messages: list.reduce((sum, session) => sum + session.messages, 0),
      ttl_seconds: seconds(ttlMs),
      max_messages: sessions.settings.maxMessages,
      max_sessions: sessions.settings.maxPerOwner,
    });
  });
  routes.get('/:id', async (_req, res) => {
    const id = idOf(res);
    const session = await sessions.get(ownerOf(res), id);
    if (session === undefined) throw notFound(id);
    res.json({ ...encodeSummary({ ...session, messages: session.messages.length }, ttlMs), system: session.system ?? null, history: session.messages });
  });
  routes.delete('/:id', async (_req, res) => {
    const id = idOf(res);
    if (!(await sessions.remove(ownerOf(res), id))) throw notFound(id);
    res.json({ id, object: 'session.deleted', deleted: true });
  });
  routes.post('/:id/clear', async (_req, res) => {
    const id = idOf(res);
    if (!(await sessions.clear(ownerOf(res), id))) throw notFound(id);
    const session = await sessions.get(ownerOf(res), id);
    res.json(encodeSummary({ ...session!, messages: 0 }, ttlMs));
  });
  return { name: 'sessions', paths: ['/v1/sessions'], routes, encodeError: openAiErrors, errorSchema: openAiErrorSchema, operations };
}
