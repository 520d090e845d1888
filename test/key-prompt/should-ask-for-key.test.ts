import { shouldAskForKey } from '../../src/key-prompt/should-ask-for-key.js';

const open = { host: '127.0.0.1', apiKeys: [], demo: false };

describe('shouldAskForKey', () => {
  test('asks someone at a terminal serving loopback without keys', () => {
    expect(shouldAskForKey({ env: {}, interactive: true, config: open })).toBe(true);
    expect(shouldAskForKey({ env: { CI: 'false' }, interactive: true, config: { ...open, host: 'localhost' } })).toBe(true);
    expect(shouldAskForKey({ env: { CI: '0' }, interactive: true, config: { ...open, host: '::1' } })).toBe(true);
  });

  test('never without a terminal, when keys are set, off loopback or in demo mode', () => {
    expect(shouldAskForKey({ env: {}, interactive: false, config: open })).toBe(false);
    expect(shouldAskForKey({ env: {}, interactive: true, config: { ...open, apiKeys: ['k'] } })).toBe(false);
    expect(shouldAskForKey({ env: {}, interactive: true, config: { ...open, host: '0.0.0.0' } })).toBe(false);
    expect(shouldAskForKey({ env: {}, interactive: true, config: { ...open, demo: true } })).toBe(false);
  });

  test.each(['true', '1', 'yes', 'github', 'TRUE'])('never under CI=%s', (ci) => {
    expect(shouldAskForKey({ env: { CI: ci }, interactive: true, config: open })).toBe(false);
  });
});
