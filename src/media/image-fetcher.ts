import type { ImagePart } from '../core/model-request.js';

/** Turns an image reference (a data: or http(s): URL) into checked image bytes, or throws with a reason in words. */
export type ImageFetcher = (url: string, signal: AbortSignal) => Promise<Omit<ImagePart, 'type'>>;

export class ImageRejected extends Error {
  override name = 'ImageRejected';
}
