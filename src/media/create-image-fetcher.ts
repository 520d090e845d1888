import { get as httpGet, type Agent, type IncomingMessage } from 'node:http';
import { get as httpsGet } from 'node:https';
import { checkImage, decodeDataUrl } from './decode-data-url.js';
import { ImageRejected, type ImageFetcher } from './image-fetcher.js';

export interface ImageFetchOptions {
  maxBytes: number;
  timeoutMs: number;
  /** Allow private, loopback and link-local targets (off: a prompt could otherwise reach the intranet). */
  allowPrivate: boolean;
}

const maxRedirects = 3;

/**
 * Fetches image URLs for requests: http(s) only, private and reserved addresses refused at connect time (so DNS
 * tricks cannot get round it, and each redirect is checked again), a size cap enforced while reading, one time limit
 * for the whole fetch, and the body must really be an image.
 */
export function createImageFetcher(options: ImageFetchOptions): ImageFetcher {
  const filter = { allowPrivateIPAddress: options.allowPrivate, allowMetaIPAddress: false };
  // Loaded with the first URL image: most requests have none, and idle memory counts.
  let agents: Promise<Record<'http:' | 'https:', Agent>> | undefined;
  const loadAgents = () =>
    (agents ??= import('request-filtering-agent').then((m) => ({
      'http:': new m.RequestFilteringHttpAgent(filter),
      'https:': new m.RequestFilteringHttpsAgent(filter),
    })));

  const download = async (url: URL, signal: AbortSignal, redirects: number): Promise<Buffer> => {
    const agent = (await loadAgents())[url.protocol as 'http:' | 'https:'];
    return new Promise((resolve, reject) => {
      const get = url.protocol === 'https:' ? httpsGet : httpGet;
      // No socket timeout of its own: the deadline in `signal` bounds the whole fetch.
      const request = get(url, { agent, signal, headers: { accept: 'image/*' } }, (response) =>
        onResponse(response, url, signal, redirects).then(resolve, reject),
      );
      request.on('error', (error) => reject(error instanceof ImageRejected ? error : describeFailure(error)));
    });
  };

  const onResponse = async (response: IncomingMessage, url: URL, signal: AbortSignal, redirects: number): Promise<Buffer> => {
    const status = response.statusCode ?? 0;
    if (status >= 300 && status < 400 && response.headers.location) {
      response.destroy(); // what was refused is not read
      if (redirects >= maxRedirects) throw new ImageRejected('too many redirects');
      return download(toHttpUrl(new URL(response.headers.location, url).href), signal, redirects + 1);
    }
    if (status !== 200) {
      response.destroy(); // what was refused is not read
      throw new ImageRejected(`the server answered HTTP ${status}`);
    }
    const type = response.headers['content-type'] ?? '';
    if (!/^image\/(png|jpeg|gif|webp)\b/i.test(type)) {
      response.destroy(); // what was refused is not read
      throw new ImageRejected(`the server sent ${type || 'no content type'}, not a PNG, JPEG, GIF or WebP image`);
    }
    const parts: Buffer[] = [];
    let size = 0;
    for await (const part of response) {
      size += (part as Buffer).length;
      if (size > options.maxBytes) {
        response.destroy();
        throw new ImageRejected(`the image is over the limit of ${options.maxBytes} bytes`);
      }
      parts.push(part as Buffer);
    }
    return Buffer.concat(parts);
  };

  return async (url, signal) => {
    if (url.startsWith('data:')) return decodeDataUrl(url, options.maxBytes);
    // One deadline for the whole fetch, redirects and body included: a server trickling bytes cannot hold it open.
    const deadline = AbortSignal.timeout(options.timeoutMs);
    try {
      return checkImage(await download(toHttpUrl(url), AbortSignal.any([signal, deadline]), 0), options.maxBytes);
    } catch (error) {
      if (deadline.aborted) throw new ImageRejected(`it was not fetched within ${options.timeoutMs / 1000} s`);
      throw error;
    }
  };
}

function toHttpUrl(text: string): URL {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new ImageRejected('not a valid URL');
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new ImageRejected('only data:, http: and https: URLs are accepted');
  return url;
}

/** In words a client may see: never a resolved address (that would let clients probe internal DNS names). */
function describeFailure(error: Error & { code?: string }): ImageRejected {
  if (/is not allowed/.test(error.message)) return new ImageRejected('its address is private, loopback, link-local or reserved');
  return new ImageRejected(`the fetch failed${error.code ? ` (${error.code})` : ''}`);
}
