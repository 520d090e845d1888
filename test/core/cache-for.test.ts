import { cacheFor } from '../../src/core/cache-for.js';

describe('cacheFor', () => {
  test('shares one call in flight and reuses the answer until it expires', async () => {
    let clock = 0;
    let calls = 0;
    const cached = cacheFor(1000, async () => ++calls, () => clock);
    expect(await Promise.all([cached(), cached()])).toEqual([1, 1]);
    clock = 999;
    expect(await cached()).toBe(1);
    clock = 1001;
    expect(await cached()).toBe(2);
  });

  test('does not remember a failure', async () => {
    let calls = 0;
    const cached = cacheFor(1000, async () => {
      calls += 1;
      if (calls === 1) throw new Error('down');
      return 'up';
    });
    await expect(cached()).rejects.toThrow('down');
    expect(await cached()).toBe('up');
  });
});
