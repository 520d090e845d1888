import { createConcurrencyGate } from '../core/concurrency-gate.js';
import { GatewayError } from '../core/errors.js';
import type { ImagePart } from '../core/model-request.js';
import { ImageRejected, type ImageFetcher } from './image-fetcher.js';

/** Per request: what Anthropic accepts in one request, a total that bounds memory, and fetches at once. */
const maxImages = 100;
const maxTotalBytes = 32 * 1024 * 1024;
const fetchesAtOnce = 4;

export interface ImageLoader {
  /** Starts loading an image and returns its part, filled in once `done()` resolves. */
  load(url: string, param: string): ImagePart;
  /** Waits for every image; rejects with the first failure as a 400 naming its part. */
  done(): Promise<void>;
  /** Stops whatever is still loading (the request failed for another reason). */
  abandon(): void;
}

/** Loads a request's images in parallel, within limits; no failure is ever left unhandled. */
export function createImageLoader(fetchImage: ImageFetcher, signal: AbortSignal): ImageLoader {
  const stop = new AbortController();
  const combined = AbortSignal.any([signal, stop.signal]);
  const gate = createConcurrencyGate({ maxActive: fetchesAtOnce, maxQueued: maxImages, queueTimeoutMs: 10 * 60_000 });
  const pending: Array<Promise<void>> = [];
  let failure: GatewayError | undefined;
  let totalBytes = 0;

  const loadInto = async (part: ImagePart, url: string) => {
    const release = await gate.acquire(combined);
    try {
      Object.assign(part, await fetchImage(url, combined));
    } finally {
      release();
    }
    totalBytes += Math.floor((part.data.length * 3) / 4);
    if (totalBytes > maxTotalBytes) throw new ImageRejected(`the request's images are over ${maxTotalBytes / 1024 / 1024} MB together`);
  };

  return {
    load(url, param) {
      if (pending.length >= maxImages) {
        throw new GatewayError('invalid_request', `A request may carry at most ${maxImages} images.`, { param });
      }
      const part: ImagePart = { type: 'image', mediaType: 'image/png', data: '' };
      pending.push(
        loadInto(part, url).catch((error: unknown) => {
          stop.abort();
          const reason = error instanceof ImageRejected ? error.message : 'it could not be loaded';
          failure ??= new GatewayError('invalid_request', `The image at ${param} was refused: ${reason}.`, { param });
        }),
      );
      return part;
    },
    async done() {
      await Promise.all(pending);
      if (failure) throw failure;
    },
    abandon: () => stop.abort(),
  };
}
