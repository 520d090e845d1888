import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { readFileSync } from 'node:fs';
import { childPids } from './proc.js';

export interface TerminalRun {
  child: ChildProcess;
  /** Everything the terminal showed (stdout and stderr share it, and it echoes what is typed). */
  output: () => string;
  /** Types `text` once the terminal has shown `prompt`. */
  answer(prompt: string, text: string): Promise<void>;
  /** SIGTERM to the program (the gateway's graceful stop), then waits for the terminal to close. */
  stop(): Promise<void>;
}

const commandOf = (pid: number) => {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0')[0] ?? '';
  } catch {
    return ''; // gone meanwhile
  }
};
const quote = (word: string) => `'${word.replaceAll("'", `'\\''`)}'`;

/**
 * Runs `command` on a pseudo-terminal made by util-linux `script` (no native addon): its stdin, stdout and stderr are
 * a TTY, and what is written to our pipe into `script` arrives as typing. The pipe stays open until `stop`: at its end
 * `script` would send the terminal an end of input.
 */
export function startOnTerminal(command: readonly string[], env: Record<string, string>): TerminalRun {
  const child = spawn('script', ['--quiet', '--flush', '--return', '--command', command.map(quote).join(' '), '/dev/null'], { env, stdio: ['pipe', 'pipe', 'pipe'] });
  let output = '';
  child.stdout!.on('data', (data: Buffer) => (output += data.toString()));
  child.stderr!.on('data', (data: Buffer) => (output += data.toString()));
  const exited = once(child, 'exit');
  return {
    child,
    output: () => output,
    async answer(prompt, text) {
      for (let i = 0; i < 400 && !output.includes(prompt); i += 1) await new Promise((resolve) => setTimeout(resolve, 50));
      if (!output.includes(prompt)) throw new Error(`the terminal never showed ${JSON.stringify(prompt)}:\n${output}`);
      child.stdin!.write(text);
    },
    async stop() {
      // script → the shell `-c` runs → the program (a shell may exec it, so look one level down too), and only it:
      // its own children are its to stop.
      const program = childPids(child.pid!)
        .flatMap((pid) => [pid, ...childPids(pid)])
        .filter((pid) => commandOf(pid).startsWith(command[0]!));
      for (const pid of program) process.kill(pid, 'SIGTERM');
      if (program.length === 0) child.kill('SIGTERM');
      await exited;
    },
  };
}
