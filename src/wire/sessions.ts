import { z } from 'zod';

/** /v1/sessions: the conversations the gateway keeps for `session_id`, as it shows them. */

export const sessionIdParamsSchema = z.object({ id: z.string().describe('The session id: what requests send as `session_id`.') });

const times = {
  created_at: z.number().int(),
  last_used_at: z.number().int(),
  expires_at: z.number().int().describe('When it is dropped unless used again (SESSION_TTL_SECONDS after its last use).'),
};

export const sessionSchema = z
  .object({ id: z.string(), object: z.literal('session'), messages: z.number().int().describe('How many messages it holds.'), ...times })
  .meta({ id: 'Session' });
export type Session = z.infer<typeof sessionSchema>;

/** The history in the gateway's own message form (the core's), as kept: roles and typed parts. */
const historyMessage = z.object({ role: z.enum(['user', 'assistant']), content: z.array(z.looseObject({ type: z.string() })) });

export const sessionDetailSchema = sessionSchema
  .extend({ system: z.string().nullable(), history: z.array(historyMessage) })
  .meta({ id: 'SessionDetail' });

export const sessionListSchema = z.object({ object: z.literal('list'), data: z.array(sessionSchema) }).meta({ id: 'SessionList' });

export const sessionStatsSchema = z
  .object({
    object: z.literal('session.stats'),
    sessions: z.number().int(),
    messages: z.number().int(),
    ttl_seconds: z.number().int(),
    max_messages: z.number().int(),
    max_sessions: z.number().int(),
  })
  .meta({ id: 'SessionStats' });

export const sessionDeletedSchema = z
  .object({ id: z.string(), object: z.literal('session.deleted'), deleted: z.literal(true) })
  .meta({ id: 'SessionDeleted' });
