import { PassThrough } from 'node:stream';
import { askForKey } from '../../src/key-prompt/ask-for-key.js';
import { protectWithKey } from '../../src/key-prompt/protect-with-key.js';
import { messagesEn } from '../../src/locale/messages-en.js';
import { messagesZh } from '../../src/locale/messages-zh.js';

/** Types `typed` (or ends the input, for null) once the question is out; what the answer was and what was shown. */
async function answer(typed: string | null, text = messagesEn.keyPrompt) {
  const input = new PassThrough();
  const output = new PassThrough();
  let shown = '';
  output.on('data', (data: Buffer) => {
    shown += data.toString();
    if (shown.includes('[Y/n]')) (typed === null ? input.end() : input.write(typed));
  });
  const protect = await askForKey({ input, output, onInterrupt: () => undefined }, text);
  return { protect, shown };
}

describe('askForKey', () => {
  test('asks once, with the safe answer (yes) as the default', async () => {
    const { protect, shown } = await answer('\n');
    expect(protect).toBe(true);
    expect(shown.match(/\[Y\/n\]/g)).toHaveLength(1);
  });

  test.each([
    ['y\n', true],
    ['YES\n', true],
    ['n\n', false],
    [' No \n', false],
    ['maybe\n', true],
  ])('%j → protect: %s', async (typed, protect) => {
    expect((await answer(typed)).protect).toBe(protect);
  });

  test('the end of input is the default too', async () => {
    expect((await answer(null)).protect).toBe(true);
  });

  test('in Chinese, asks in Chinese and takes 否 for no', async () => {
    const { protect, shown } = await answer('否\n', messagesZh.keyPrompt);
    expect(protect).toBe(false);
    expect(shown).toContain('是否为本次运行用密钥保护它');
  });
});

describe('protectWithKey', () => {
  const config = { host: '127.0.0.1', apiKeys: [], demo: false };
  const terminal = (inputTty: boolean, outputTty: boolean) => {
    const input = Object.assign(new PassThrough(), { isTTY: inputTty });
    const output = Object.assign(new PassThrough(), { isTTY: outputTty });
    let shown = '';
    let answered = false;
    output.on('data', (data: Buffer) => {
      shown += data.toString();
      if (shown.includes('[Y/n]') && !answered) {
        answered = true; // once: a TTY output echoes what is typed
        input.write('y\n');
      }
    });
    return { terminal: { input, output, onInterrupt: () => undefined }, shown: () => shown };
  };

  test('asks only when both its input and its output are a terminal', async () => {
    const both = terminal(true, true);
    expect(await protectWithKey(config, { env: {}, terminal: both.terminal, text: messagesEn.keyPrompt })).toMatch(/^ccg-[A-Za-z0-9_-]{40}$/);
    for (const [inputTty, outputTty] of [[true, false], [false, true]] as const) {
      const one = terminal(inputTty, outputTty);
      expect(await protectWithKey(config, { env: {}, terminal: one.terminal, text: messagesEn.keyPrompt })).toBeUndefined();
      expect(one.shown()).toBe('');
    }
  });
});
