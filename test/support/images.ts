import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A 1×1 PNG. */
export const pngBase64 = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==';
export const pngDataUrl = `data:image/png;base64,${pngBase64}`;

/** Serves fixed responses by path on 127.0.0.1, for image URL tests. */
export async function serveFiles(
  routes: Record<string, { status?: number; type?: string; body?: Buffer; location?: string; trickle?: boolean }>,
): Promise<{ url: string; server: Server }> {
  const server = createServer((req, res) => {
    const route = routes[req.url ?? ''];
    if (!route) return void res.writeHead(404).end();
    res.writeHead(route.status ?? 200, { ...(route.type ? { 'content-type': route.type } : {}), ...(route.location ? { location: route.location } : {}) });
    if (!route.trickle) return void res.end(route.body);
    const drip = setInterval(() => res.write(Buffer.alloc(1)), 100); // a byte at a time, never finishing
    res.on('close', () => clearInterval(drip));
  });
  server.on('close', () => server.closeAllConnections());
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, server };
}
