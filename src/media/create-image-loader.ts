import pMap from 'p-map';
import { GatewayError } from '../core/errors.js';
import type { ImagePart } from '../core/model-request.js';
import { ImageRejected, type ImageFetcher } from './image-fetcher.js';

/** Per request: what Anthropic accepts in one request, a total that bounds memory, and fetches at once. */
const maxImages = 100;
const maxTotalBytes = 32 * 1024 * 1024;
const fetchesAtOnce = 4;

export interface ImageLoader {
  /** Notes an image to load and returns its part, filled in by `loadAll`. Nothing is fetched yet. */
  load(url: string, param: string): ImagePart;
  /**
   * Fetches the noted images, a few at a time, and stops at the first failure: a 400 naming its part, or the
   * signal's own reason when the request was aborted (the client left, the gateway is shutting down).
   */
  loadAll(signal: AbortSignal): Promise<void>;
}

/**
 * A request's images. Decoding notes them and the caller loads them once everything cheaper has been checked, so an
 * invalid request never makes an outbound fetch.
 */
export function createImageLoader(fetchImage: ImageFetcher): ImageLoader {
  const noted: Array<{ part: ImagePart; url: string; param: string }> = [];
  return {
    load(url, param) {
      if (noted.length >= maxImages) {
        throw new GatewayError('invalid_request', `A request may carry at most ${maxImages} images.`, { param });
      }
      const part: ImagePart = { type: 'image', mediaType: 'image/png', data: '' };
      noted.push({ part, url, param });
      return part;
    },
    async loadAll(signal) {
      if (noted.length === 0) return;
      const stop = new AbortController();
      const combined = AbortSignal.any([signal, stop.signal]);
      let totalBytes = 0;
      try {
        await pMap(
          noted,
          async ({ part, url, param }) => {
            try {
              Object.assign(part, await fetchImage(url, combined));
            } catch (error) {
              const reason = error instanceof ImageRejected ? error.message : 'it could not be loaded';
              throw new GatewayError('invalid_request', `The image at ${param} was refused: ${reason}.`, { param });
            }
            totalBytes += Math.floor((part.data.length * 3) / 4);
            if (totalBytes > maxTotalBytes) {
              throw new GatewayError('invalid_request', `The request's images are over ${maxTotalBytes / 1024 / 1024} MB together.`, { param });
            }
          },
          { concurrency: fetchesAtOnce, signal: combined },
        );
      } catch (error) {
        signal.throwIfAborted();
        throw error;
      } finally {
        stop.abort(); // whatever still runs after the first failure is not needed
      }
    },
  };
}
