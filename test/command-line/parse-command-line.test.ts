import { parseCommandLine, UsageError } from '../../src/command-line/parse-command-line.js';

describe('the command line', () => {
  test('each flag becomes its environment variable', () => {
    expect(parseCommandLine(['--host', '::1', '--port=0', '--config', 'gateway.yaml', '--demo'])).toEqual({
      kind: 'serve',
      env: { HOST: '::1', PORT: '0', CONFIG_FILE: 'gateway.yaml', DEMO: 'true' },
    });
    expect(parseCommandLine([])).toEqual({ kind: 'serve', env: {} });
  });

  test('--help and --version (and -h, -v) win over the rest', () => {
    expect(parseCommandLine(['--port', '1', '--help'])).toEqual({ kind: 'help' });
    expect(parseCommandLine(['-h'])).toEqual({ kind: 'help' });
    expect(parseCommandLine(['--version'])).toEqual({ kind: 'version' });
    expect(parseCommandLine(['-v'])).toEqual({ kind: 'version' });
  });

  test.each([
    [['--nope'], "unknown option '--nope'"],
    [['-x'], "unknown option '-x'"],
    [['serve'], "unexpected argument 'serve'"],
    [['--port'], '--port'],
    [['--demo=yes'], '--demo'],
  ])('%j is a usage error: %s', (args, message) => {
    expect(() => parseCommandLine(args)).toThrow(UsageError);
    expect(() => parseCommandLine(args)).toThrow(message);
  });
});
