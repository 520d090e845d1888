/** One page of a list as OpenAI pages them: `order`, up to `limit` items after (or before) an item's id. */
export function pageOf<T extends { id: string }>(items: readonly T[], query: { limit: number; order: 'asc' | 'desc'; after?: string | undefined; before?: string | undefined }) {
  const ordered = query.order === 'asc' ? [...items] : [...items].reverse();
  const afterIndex = query.after === undefined ? -1 : ordered.findIndex((item) => item.id === query.after);
  const beforeIndex = query.before === undefined ? ordered.length : ordered.findIndex((item) => item.id === query.before);
  const window = ordered.slice(afterIndex + 1, beforeIndex === -1 ? ordered.length : beforeIndex);
  const data = window.slice(0, query.limit);
  return { object: 'list' as const, data, first_id: data[0]?.id ?? null, last_id: data.at(-1)?.id ?? null, has_more: window.length > data.length };
}
