import { readFileSync } from 'node:fs';
import { decodeRecords } from '../src/backends/claude-cli/decode-records.js';
import { mergeIndexed } from '../src/core/merge-indexed.js';
import { decodeCliStream } from '../src/backends/claude-cli/decode-stream.js';
import { createCompletionContext } from '../src/fronts/openai-chat/completion-context.js';
import { encodeChatStream } from '../src/fronts/openai-chat/encode-stream.js';

async function* replay(lines: string[], times: number): AsyncGenerator<string> {
  for (let i = 0; i < times; i += 1) yield* lines;
}

/**
 * CLI lines → records → ModelEvents → OpenAI chunks → JSON text (what write-sse sends), on one core, by the
 * router's own path (mergeIndexed of one run). Counts CLI lines in,
 * which is one event each. The recorded stream's result line ends each pass, so the decoder runs once per pass.
 */
export async function measureThroughput(fixture: URL, passes: number): Promise<{ events: number; seconds: number }> {
  const lines = readFileSync(fixture, 'utf8').split('\n').filter(Boolean);
  let bytes = 0;
  const started = performance.now();
  for (let pass = 0; pass < passes; pass += 1) {
    const events = decodeCliStream(decodeRecords(replay(lines, 1)));
    const chunks = encodeChatStream(mergeIndexed([events]), createCompletionContext('sonnet'), { includeUsage: true, choices: 1 });
    for await (const frame of chunks) bytes += JSON.stringify(frame.data).length;
  }
  const seconds = (performance.now() - started) / 1000;
  if (bytes === 0) throw new Error('nothing was encoded');
  return { events: lines.length * passes, seconds };
}
