import { cacheFor } from '../../src/core/cache-for.js';

describe('cacheFor', () => {
  test('shares one call in flight and reuses the answer until it expires', async () => {
    let clock = 0;
    let calls = 0;
    const cached = cacheFor(1000, async () => ++calls, () => clock);
    expect(await Promise.all([cached.get(), cached.get()])).toEqual([1, 1]);
    clock = 999;
    expect(await cached.get()).toBe(1);
    clock = 1001;
    expect(await cached.get()).toBe(2);
  });

  test('does not remember a failure', async () => {
    let calls = 0;
    const cached = cacheFor(1000, async () => {
      calls += 1;
      if (calls === 1) throw new Error('down');
      return 'up';
    });
    await expect(cached.get()).rejects.toThrow('down');
    expect(await cached.get()).toBe('up');
  });

  test('forget makes the next call load afresh, before the answer expires', async () => {
    let calls = 0;
    const cached = cacheFor(60_000, async () => ++calls);
    expect(await cached.get()).toBe(1);
    cached.forget();
    expect(await cached.get()).toBe(2);
  });

  test('the time an answer is kept may depend on the answer', async () => {
    let clock = 0;
    let calls = 0;
    const cached = cacheFor((answer: string) => (answer === 'down' ? 5 : 1000), async () => (++calls === 1 ? 'down' : 'up'), () => clock);
    expect(await cached.get()).toBe('down');
    clock = 6;
    expect(await cached.get()).toBe('up');
    clock = 900;
    expect(await cached.get()).toBe('up');
    expect(calls).toBe(2);
  });
});
