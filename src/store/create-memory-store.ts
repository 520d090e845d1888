import { randomUUID } from 'node:crypto';
import type { IndexEntry, Store, StoreWrite } from '../core/store.js';

type Entry = { value: string | Map<string, number>; expiresAt: number };

/**
 * The store in this process's memory: for one replica. Expired keys are dropped as they are met, and past
 * `maxKeys` the least recently written go first, so memory stays bounded whatever clients do.
 */
export function createMemoryStore({ maxKeys, now = Date.now }: { maxKeys: number; now?: () => number }): Store {
  const entries = new Map<string, Entry>();
  const live = (key: string): Entry | undefined => {
    const entry = entries.get(key);
    if (entry && entry.expiresAt <= now()) entries.delete(key);
    return entry && entry.expiresAt > now() ? entry : undefined;
  };
  const put = (key: string, entry: Entry) => {
    entries.delete(key); // re-inserted last: Map order is write order
    entries.set(key, entry);
    for (const oldest of entries.keys()) {
      if (entries.size <= maxKeys) break;
      entries.delete(oldest);
    }
  };
  const apply = (write: StoreWrite) => {
    switch (write.op) {
      case 'set':
        return put(write.key, { value: write.value, expiresAt: now() + write.ttlMs });
      case 'delete':
        return void entries.delete(write.key);
      case 'index': {
        const index = live(write.key)?.value;
        const members = index instanceof Map ? index : new Map<string, number>();
        members.set(write.member, write.score);
        return put(write.key, { value: members, expiresAt: now() + write.ttlMs });
      }
      case 'unindex': {
        const index = live(write.key)?.value;
        if (index instanceof Map) index.delete(write.member);
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
      if (live(key)) return undefined;
      const token = randomUUID();
      put(key, { value: token, expiresAt: now() + ttlMs });
      return token;
    },
    release: async (key, token) => {
      if (live(key)?.value === token) entries.delete(key);
    },
    members: async (key): Promise<IndexEntry[]> => {
      const index = live(key)?.value;
      if (!(index instanceof Map)) return [];
      return [...index].map(([member, score]) => ({ member, score })).sort((a, b) => b.score - a.score);
    },
    status: async () => ({ available: true, problem: undefined }),
    close: async () => entries.clear(),
  };
}
