/** Where a person may be: asked about a key (when both are TTYs), and shown the banner and hints (`output`). */
export interface Terminal {
  input: NodeJS.ReadableStream & { isTTY?: boolean };
  output: NodeJS.WritableStream & { isTTY?: boolean };
  /** Ctrl-C while a question has the terminal (readline takes it as input, not as the signal). */
  onInterrupt: () => void;
}

/** This process's: stdin, stderr (stdout is the JSON log's), and Ctrl-C stopping it as it would without a question. */
export function processTerminal(): Terminal {
  return { input: process.stdin, output: process.stderr, onInterrupt: () => process.kill(process.pid, 'SIGINT') };
}
