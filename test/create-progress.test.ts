import { createProgress } from '../src/create-progress.js';

function recorder(isTTY: boolean) {
  const written: string[] = [];
  return { stream: { isTTY, write: (text: string) => written.push(text) }, written };
}
/** A clock that moves 12 ms between readings. */
const ticking = () => {
  let now = 0;
  return () => (now += 12);
};

describe('progress lines', () => {
  test('on a terminal the label shows while the step runs, and the outcome ends its line', async () => {
    const { stream, written } = recorder(true);
    const progress = createProgress(stream, ticking());
    let seenWhileRunning: string[] = [];
    const result = await progress.step('Starting the demo upstream', () => {
      seenWhileRunning = [...written];
      return 'http://127.0.0.1:1';
    }, (url) => url);
    expect(result).toBe('http://127.0.0.1:1');
    expect(seenWhileRunning).toEqual(['Starting the demo upstream… ']);
    expect(written.join('')).toBe('Starting the demo upstream… ok (http://127.0.0.1:1, 12 ms)\n');
  });

  test('elsewhere, one line per step, written when it ends', async () => {
    const { stream, written } = recorder(false);
    const progress = createProgress(stream, ticking());
    await progress.step('Warming the CLI pool', async () => {
      expect(written).toEqual([]);
    });
    expect(written).toEqual(['Warming the CLI pool… ok (12 ms)\n']);
  });

  test('a failure is reported and rethrown', async () => {
    const { stream, written } = recorder(false);
    const progress = createProgress(stream, ticking());
    await expect(progress.step('Checking the Claude Code CLI', () => Promise.reject(new Error('it did not run')))).rejects.toThrow('it did not run');
    expect(written).toEqual(['Checking the Claude Code CLI… failed (12 ms): it did not run\n']);
  });

  test('without a stream, steps run and nothing is written', async () => {
    await expect(createProgress().step('Quiet', () => 42)).resolves.toBe(42);
  });
});
