import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';

/** What the fake answers to one POST /v1/embeddings: vectors (4-d, from each input's length), an error, or nothing. */
export type EmbeddingsReply =
  | { kind: 'vectors'; shuffled?: boolean }
  | { kind: 'error'; status: number; body: unknown }
  /** A 200 with this body as it is. */
  | { kind: 'raw'; body: string }
  | { kind: 'hang' };

export interface FakeEmbeddings {
  url: string;
  requests: Array<{ headers: IncomingMessage['headers']; body: { model: string; input: string[]; dimensions?: number } }>;
  /** Settles when a client closed a connection the fake was holding (`hang`). */
  aborted: Promise<void>;
  reply(next: EmbeddingsReply): void;
  close(): Promise<void>;
}

/** A stand-in for an OpenAI-compatible embeddings server on 127.0.0.1. */
export async function startFakeEmbeddings(): Promise<FakeEmbeddings> {
  const requests: FakeEmbeddings['requests'] = [];
  let next: EmbeddingsReply = { kind: 'vectors' };
  let abort: () => void = () => undefined;
  const aborted = new Promise<void>((resolve) => (abort = resolve));
  const server = createServer(async (req, res) => {
    if (req.method === 'GET') return void res.writeHead(200, { 'content-type': 'application/json' }).end('{"object":"list","data":[]}'); // a provider's probe
    let raw = '';
    for await (const chunk of req) raw += chunk;
    const body = JSON.parse(raw) as FakeEmbeddings['requests'][number]['body'];
    requests.push({ headers: req.headers, body });
    const reply = next;
    next = { kind: 'vectors' };
    if (reply.kind === 'hang') return void res.on('close', abort);
    if (reply.kind === 'raw') return void res.writeHead(200, { 'content-type': 'application/json' }).end(reply.body);
    if (reply.kind === 'error') return void res.writeHead(reply.status, { 'content-type': 'application/json' }).end(JSON.stringify(reply.body));
    const data = body.input.map((text, index) => ({ object: 'embedding', index, embedding: [text.length, 1, 0, 0] }));
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ object: 'list', data: reply.shuffled ? data.reverse() : data, model: body.model }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`,
    requests,
    aborted,
    reply: (reply) => void (next = reply),
    close: () => new Promise((resolve) => (server.closeAllConnections(), server.close(() => resolve()))),
  };
}
