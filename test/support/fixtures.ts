import { readFileSync } from 'node:fs';

/** The lines of a recorded CLI run (test/fixtures/NAME.ndjson, written by record-fixtures.ts). */
export function fixtureLines(name: string): string[] {
  return readFileSync(new URL(`../fixtures/${name}.ndjson`, import.meta.url), 'utf8').split('\n').filter(Boolean);
}

/** When the windows of the quota-* recordings reset, in epoch seconds (2026-12-02T17:00:00Z): a test's clock is set before it. */
export const recordedQuotaReset = 1_796_230_800;

export async function* asAsync<T>(items: Iterable<T>): AsyncGenerator<T> {
  yield* items;
}

export async function drain<T>(items: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const item of items) out.push(item);
  return out;
}
