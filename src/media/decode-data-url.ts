import type { ImagePart } from '../core/model-request.js';
import { ImageRejected } from './image-fetcher.js';
import { sniffImageType } from './sniff-image-type.js';

const dataUrl = /^data:(image\/[a-z.+-]+);base64,([A-Za-z0-9+/=\s]*)$/i;

/** A `data:image/…;base64,…` URL → checked image bytes (format by signature, size within `maxBytes`). */
export function decodeDataUrl(url: string, maxBytes: number): Omit<ImagePart, 'type'> {
  const match = dataUrl.exec(url);
  if (!match) throw new ImageRejected('a data URL must be data:image/<type>;base64,<data>');
  const bytes = Buffer.from(match[2]!, 'base64');
  return checkImage(bytes, maxBytes);
}

export function checkImage(bytes: Buffer, maxBytes: number): Omit<ImagePart, 'type'> {
  if (bytes.length === 0) throw new ImageRejected('the image is empty');
  if (bytes.length > maxBytes) throw new ImageRejected(`the image is ${bytes.length} bytes, over the limit of ${maxBytes}`);
  const mediaType = sniffImageType(bytes);
  if (!mediaType) throw new ImageRejected('the data is not a PNG, JPEG, GIF or WebP image');
  return { mediaType, data: bytes.toString('base64') };
}
