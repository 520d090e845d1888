import { GatewayError } from '../../core/errors.js';

interface PageQuery {
  limit: number;
  order: 'asc' | 'desc';
  after?: string | undefined;
  before?: string | undefined;
}

/** One page of a list as OpenAI pages them: `order`, up to `limit` items after (or before) an item's id. */
export function pageOf<T extends { id: string }>(items: readonly T[], query: PageQuery) {
  const ordered = query.order === 'asc' ? [...items] : [...items].reverse();
  const indexOf = (param: 'after' | 'before', fallback: number) => {
    const id = query[param];
    if (id === undefined) return fallback;
    const index = ordered.findIndex((item) => item.id === id);
    if (index === -1) throw new GatewayError('invalid_request', `${param} names no item of this list: '${id}'.`, { param });
    return index;
  };
  const window = ordered.slice(indexOf('after', -1) + 1, indexOf('before', ordered.length));
  const data = window.slice(0, query.limit);
  return { object: 'list' as const, data, first_id: data[0]?.id ?? null, last_id: data.at(-1)?.id ?? null, has_more: window.length > data.length };
}
