import type { Conversation } from '../../core/conversation.js';
import { storeUnavailable, type Store } from '../../core/store.js';
import type { ResponseObject } from '../../wire/openai-responses-response.js';

export interface StoredResponse {
  response: ResponseObject;
  /** The request's input items, each with an id (GET …/input_items). */
  inputItems: Array<Record<string, unknown> & { id: string }>;
  /** What a request with this response as `previous_response_id` continues. */
  conversation: Conversation;
}

export interface StoredResponses {
  get(owner: string, id: string): Promise<StoredResponse | undefined>;
  put(owner: string, stored: StoredResponse): Promise<void>;
  /** True when there was one to delete. */
  remove(owner: string, id: string): Promise<boolean>;
  /** Throws `store_unavailable` unless the store answers now. */
  ready(): Promise<void>;
}

/** Responses kept under their owner's key (another key never finds them), each for `ttlMs`. */
export function createStoredResponses(store: Store, ttlMs: number): StoredResponses {
  const key = (owner: string, id: string) => `response:${owner}:${id}`;
  const get = async (owner: string, id: string) => {
    const json = await store.get(key(owner, id));
    return json === undefined ? undefined : (JSON.parse(json) as StoredResponse);
  };
  return {
    get,
    put: (owner, stored) => store.write([{ op: 'set', key: key(owner, stored.response.id), value: JSON.stringify(stored), ttlMs }]),
    async ready() {
      const { available, problem } = await store.status();
      if (!available) throw storeUnavailable(problem);
    },
    async remove(owner, id) {
      const found = (await get(owner, id)) !== undefined;
      if (found) await store.write([{ op: 'delete', key: key(owner, id) }]);
      return found;
    },
  };
}
