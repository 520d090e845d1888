import { randomUUID } from 'node:crypto';
import type { IndexEntry, Store, StoreWrite } from '../core/store.js';

/** A string, or a map of numbers: an index's members by score, or counters by field. */
type Entry = { value: string | Map<string, number>; expiresAt: number; bytes: number };

/** About what an entry holds in memory: its strings at two bytes a character, and a little per index member. */
const sizeOf = (key: string, value: Entry['value']) =>
  2 * key.length + (typeof value === 'string' ? 2 * value.length : [...value.keys()].reduce((sum, member) => sum + 2 * member.length + 16, 0));

/**
 * The store in this process's memory: for one replica. Expired keys are dropped as they are met, and past `maxBytes`
 * the least recently written go first, so memory stays bounded whatever clients send. Claims (locks) are kept apart and
 * never evicted: they are small, each expires, and dropping one would let two requests hold a session.
 */
export function createMemoryStore({ maxBytes, now = Date.now }: { maxBytes: number; now?: () => number }): Store {
  const entries = new Map<string, Entry>();
  const claims = new Map<string, { token: string; expiresAt: number }>();
  let bytes = 0;
  const remove = (key: string) => {
    bytes -= entries.get(key)?.bytes ?? 0;
    entries.delete(key);
  };
  const live = (key: string): Entry | undefined => {
    const entry = entries.get(key);
    if (entry === undefined || entry.expiresAt > now()) return entry;
    remove(key);
    return undefined;
  };
  const put = (key: string, value: Entry['value'], ttlMs: number) => {
    remove(key); // re-inserted last: Map order is write order
    const entry = { value, expiresAt: now() + ttlMs, bytes: sizeOf(key, value) };
    entries.set(key, entry);
    bytes += entry.bytes;
    for (const oldest of entries.keys()) {
      if (bytes <= maxBytes || oldest === key) break;
      remove(oldest);
    }
  };
  const apply = (write: StoreWrite) => {
    switch (write.op) {
      case 'set':
        return put(write.key, write.value, write.ttlMs);
      case 'delete':
        return remove(write.key);
      case 'index':
      case 'unindex': {
        const index = live(write.key)?.value;
        const members = index instanceof Map ? index : new Map<string, number>();
        if (write.op === 'unindex') members.delete(write.member);
        else members.set(write.member, write.score);
        const expiresAt = write.op === 'index' ? now() + write.ttlMs : (live(write.key)?.expiresAt ?? now());
        return members.size === 0 ? remove(write.key) : put(write.key, members, expiresAt - now());
      }
      case 'increment': {
        const held = live(write.key)?.value;
        const counters = held instanceof Map ? held : new Map<string, number>();
        for (const [field, by] of Object.entries(write.fields)) counters.set(field, (counters.get(field) ?? 0) + by);
        return put(write.key, counters, write.ttlMs);
      }
    }
  };
  return {
    kind: 'memory',
    get: async (key) => {
      const value = live(key)?.value;
      return typeof value === 'string' ? value : undefined;
    },
    write: async (writes) => writes.forEach(apply),
    claim: async (key, ttlMs) => {
      const held = claims.get(key);
      if (held && held.expiresAt > now()) return undefined;
      const token = randomUUID();
      claims.set(key, { token, expiresAt: now() + ttlMs });
      return token;
    },
    release: async (key, token) => {
      if (claims.get(key)?.token === token) claims.delete(key);
    },
    members: async (key): Promise<IndexEntry[]> => {
      const index = live(key)?.value;
      if (!(index instanceof Map)) return [];
      return [...index].map(([member, score]) => ({ member, score })).sort((a, b) => b.score - a.score);
    },
    counters: async (key) => {
      const held = live(key)?.value;
      return held instanceof Map ? Object.fromEntries(held) : {};
    },
    status: async () => ({ available: true, problem: undefined }),
    close: async () => {
      entries.clear();
      claims.clear();
      bytes = 0;
    },
  };
}
