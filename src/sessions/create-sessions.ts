import { nanoid } from 'nanoid';
import { keepLatest, type Conversation } from '../core/conversation.js';
import { GatewayError } from '../core/errors.js';
import type { Store } from '../core/store.js';
import type { SessionRecord, SessionSettings, SessionSummary, Sessions } from './sessions.js';

/**
 * Sessions on a store, each owned by one API key (its keys hold the owner, so another key never finds them): a record
 * per session and an index of the owner's sessions by last use. One request at a time holds a session.
 */
export function createSessions(store: Store, settings: SessionSettings, now = Date.now): Sessions {
  const recordKey = (owner: string, id: string) => `session:${owner}:${id}`;
  const indexKey = (owner: string) => `sessions:${owner}`;
  const lockKey = (owner: string, id: string) => `session-lock:${owner}:${id}`;

  const read = async (owner: string, id: string): Promise<SessionRecord | undefined> => {
    const json = await store.get(recordKey(owner, id));
    return json === undefined ? undefined : (JSON.parse(json) as SessionRecord);
  };
  const save = (owner: string, record: SessionRecord) =>
    store.write([
      { op: 'set', key: recordKey(owner, record.id), value: JSON.stringify(record), ttlMs: settings.ttlMs },
      { op: 'index', key: indexKey(owner), member: record.id, score: record.lastUsedAt, ttlMs: settings.ttlMs },
    ]);
  /** The owner's live sessions; index entries whose records expired are dropped as they are found. */
  const live = async (owner: string) => {
    const entries = await store.members(indexKey(owner));
    const stale = entries.filter((entry) => entry.score <= now() - settings.ttlMs);
    if (stale.length > 0) await store.write(stale.map((entry) => ({ op: 'unindex' as const, key: indexKey(owner), member: entry.member })));
    return entries.filter((entry) => entry.score > now() - settings.ttlMs);
  };
  /**
   * Counts the owner's sessions and indexes the new one in one critical section (a short claim per owner), so two
   * sessions started at once never both take the last place.
   */
  const takePlace = async (owner: string, id: string) => {
    const lock = `session-new:${owner}`;
    let token = await store.claim(lock, 5_000);
    for (let tries = 0; token === undefined && tries < 50; tries++) {
      await new Promise((resolve) => setTimeout(resolve, 20));
      token = await store.claim(lock, 5_000);
    }
    if (token === undefined) throw new GatewayError('conflict', 'Too many sessions are being started for this key at once; retry.', { param: 'session_id' });
    try {
      if ((await live(owner)).length >= settings.maxPerOwner) {
        throw new GatewayError(
          'conflict',
          `This key already holds ${settings.maxPerOwner} sessions (SESSION_MAX_PER_KEY): delete one, or let one expire.`,
          { param: 'session_id' },
        );
      }
      await store.write([{ op: 'index', key: indexKey(owner), member: id, score: now(), ttlMs: settings.ttlMs }]);
    } finally {
      await store.release(lock, token).catch(() => undefined);
    }
  };
  /** A new session's place, when it was not saved after all (best effort: with the store away, its TTL ends it). */
  const giveBack = (owner: string, id: string) => store.write([{ op: 'unindex', key: indexKey(owner), member: id }]).catch(() => undefined);
  const summary = (record: SessionRecord): SessionSummary => ({
    id: record.id,
    messages: record.messages.length,
    createdAt: record.createdAt,
    lastUsedAt: record.lastUsedAt,
  });
  const fresh = (id: string): SessionRecord => ({ id, system: undefined, messages: [], createdAt: now(), lastUsedAt: now() });
  const busy = (id: string) =>
    new GatewayError('conflict', `Session ${id} is answering another request; send the next one when it has finished.`, { param: 'session_id' });
  /** Runs `change` holding the session, so it never races a request's turn (a 409 while one is answering). */
  const holding = async <T>(owner: string, id: string, change: () => Promise<T>): Promise<T> => {
    const token = await store.claim(lockKey(owner, id), settings.lockMs);
    if (token === undefined) throw busy(id);
    try {
      return await change();
    } finally {
      await store.release(lockKey(owner, id), token).catch(() => undefined);
    }
  };

  return {
    settings,
    async create(owner) {
      const record = fresh(`sess_${nanoid()}`);
      await takePlace(owner, record.id);
      await save(owner, record).catch(async (error: unknown) => {
        await giveBack(owner, record.id);
        throw error;
      });
      return summary(record);
    },
    async list(owner) {
      const records = await Promise.all((await live(owner)).map((entry) => read(owner, entry.member)));
      return records.filter((record) => record !== undefined).map(summary);
    },
    get: read,
    remove: (owner, id) =>
      holding(owner, id, async () => {
        const found = (await read(owner, id)) !== undefined;
        await store.write([
          { op: 'delete', key: recordKey(owner, id) },
          { op: 'unindex', key: indexKey(owner), member: id },
        ]);
        return found;
      }),
    clear: (owner, id) =>
      holding(owner, id, async () => {
        const record = await read(owner, id);
        if (record === undefined) return false;
        await save(owner, { ...record, system: undefined, messages: [], lastUsedAt: now() });
        return true;
      }),
    async begin(owner, id) {
      const lock = lockKey(owner, id);
      // Sent together, applied in order: the read follows the claim, so a holder's last commit is in what it reads.
      const [claimed, readBack] = await Promise.allSettled([store.claim(lock, settings.lockMs), read(owner, id)]);
      if (claimed.status === 'rejected') throw claimed.reason;
      const token = claimed.value;
      if (token === undefined) throw busy(id);
      if (readBack.status === 'rejected') {
        await store.release(lock, token).catch(() => undefined);
        throw readBack.reason;
      }
      const existing = readBack.value;
      let released = false;
      let placed = false; // a new session's place, given back if its first request commits nothing
      const release = async () => {
        if (released) return;
        released = true;
        await Promise.all([store.release(lock, token), placed ? giveBack(owner, id) : undefined]);
      };
      try {
        if (existing === undefined) {
          await takePlace(owner, id);
          placed = true;
        }
        const record = existing ?? fresh(id);
        return {
          history: { system: record.system, messages: record.messages },
          async commit(conversation) {
            if (released) return;
            const wasPlaced = placed;
            placed = false; // the save indexes it: the release must not take the place back
            const saved = save(owner, { ...record, system: conversation.system, messages: keepLatest(conversation.messages, settings.maxMessages), lastUsedAt: now() });
            await Promise.all([saved, release()]).catch(async (error: unknown) => {
              if (wasPlaced) await giveBack(owner, id);
              throw error;
            }); // in order, in one round trip
          },
          release,
        };
      } catch (error) {
        await release().catch(() => undefined);
        throw error;
      }
    },
  };
}
