import { imageSize } from 'image-size';

/** What the demo model can honestly say about an image: its type, size and dimensions, read from its bytes. */
export function describeImage(image: { mediaType: string; data: string }): string {
  const bytes = Buffer.from(image.data, 'base64');
  let dimensions = 'dimensions unreadable';
  try {
    const { width, height } = imageSize(bytes);
    dimensions = `${width}×${height} pixels`;
  } catch {
    // not an image format image-size knows: say so rather than guess
  }
  return `${image.mediaType}, ${bytes.length} bytes, ${dimensions}`;
}
