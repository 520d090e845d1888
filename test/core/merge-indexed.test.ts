import { mergeIndexed } from '../../src/core/merge-indexed.js';
import { drain } from '../support/fixtures.js';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('mergeIndexed', () => {
  test('interleaves items as they arrive, tagged with their source', async () => {
    async function* slow() {
      await sleep(30);
      yield 'slow';
    }
    async function* fast() {
      yield 'fast-1';
      await sleep(5);
      yield 'fast-2';
    }
    expect(await drain(mergeIndexed([slow(), fast()]))).toEqual([
      { index: 1, value: 'fast-1' },
      { index: 1, value: 'fast-2' },
      { index: 0, value: 'slow' },
    ]);
  });

  test('the first failure ends the merge without waiting on the others, which still close after their step', async () => {
    let closed = false;
    async function* slow() {
      try {
        for (;;) {
          yield 'tick';
          await sleep(200);
        }
      } finally {
        closed = true;
      }
    }
    async function* failing() {
      await sleep(12);
      throw new Error('boom');
    }
    await expect(drain(mergeIndexed([slow(), failing()]))).rejects.toThrow('boom');
    expect(closed).toBe(false); // the merge did not wait for slow()'s 200 ms step
    await sleep(250);
    expect(closed).toBe(true);
  });
});
