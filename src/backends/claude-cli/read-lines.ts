import type { Readable } from 'node:stream';
import { GatewayError } from '../../core/errors.js';

const newline = 0x0a;

/**
 * A byte stream → its lines (without the newline), each at most `maxLineBytes`: a line that grows past it fails the
 * read instead of being buffered whole (a CLI that wrote 64 MiB without a newline held it all in memory). Lines are
 * split on bytes, which is safe for UTF-8: a newline byte never occurs inside a multi-byte character.
 */
export async function* readLines(stream: Readable, maxLineBytes: number): AsyncGenerator<string> {
  let pending: Buffer[] = [];
  let pendingBytes = 0;
  const tooLong = () => new GatewayError('cli_failed', `The Claude CLI wrote a line longer than ${Math.round(maxLineBytes / 1024 / 1024)} MiB.`);
  for await (const chunk of stream as AsyncIterable<Buffer>) {
    let start = 0;
    for (let end = chunk.indexOf(newline); end >= 0; end = chunk.indexOf(newline, start)) {
      const piece = chunk.subarray(start, end);
      if (pendingBytes + piece.length > maxLineBytes) throw tooLong();
      yield pendingBytes === 0 ? piece.toString('utf8') : Buffer.concat([...pending, piece]).toString('utf8');
      pending = [];
      pendingBytes = 0;
      start = end + 1;
    }
    if (start < chunk.length) {
      pending.push(chunk.subarray(start));
      pendingBytes += chunk.length - start;
      if (pendingBytes > maxLineBytes) throw tooLong();
    }
  }
  if (pendingBytes > 0) yield Buffer.concat(pending).toString('utf8');
}
