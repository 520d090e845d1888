import { once } from 'node:events';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { messagesRequestSchema } from '../wire/anthropic-messages.js';
import { answerDemoRequest } from './answer-demo-request.js';
import { encodeMessageBody } from './encode-message-body.js';
import { encodeMessageEvents } from './encode-message-events.js';
import { encodeSseEvent } from './encode-sse-event.js';

export interface DemoUpstream {
  /** For the CLI's ANTHROPIC_BASE_URL. */
  url: string;
  close(): Promise<void>;
}

/** Between words, so that a client watching the stream sees it arrive as a model's would. */
const textPaceMs = 15;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** The CLI sends a few MB at most (images as base64); a bigger body is not one of its requests. */
const maxBodyBytes = 64 * 1024 * 1024;

/**
 * The demo model behind an Anthropic-compatible Messages API on 127.0.0.1 (a free port), for the CLI to talk to
 * instead of Anthropic. Besides `POST /v1/messages` (streaming or not), the CLI sends only a `HEAD /` reachability
 * probe before its first request (checked on 2.1.197, with and without CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC):
 * that and any other GET or HEAD get an empty 200; other paths a 404 in the API's error shape.
 */
export async function startDemoUpstream(): Promise<DemoUpstream> {
  const server = createServer((req, res) => void serve(req, res).catch(() => res.destroy()));
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

async function serve(req: IncomingMessage, res: ServerResponse): Promise<void> {
  const path = (req.url ?? '/').split('?')[0];
  if (req.method === 'GET' || req.method === 'HEAD') return void res.writeHead(200).end();
  if (req.method !== 'POST' || path !== '/v1/messages') return fail(res, 404, 'not_found_error', `The demo upstream answers POST /v1/messages only, not ${req.method} ${path}.`);
  let body: unknown;
  try {
    body = JSON.parse(await readBody(req));
  } catch {
    return fail(res, 400, 'invalid_request_error', 'The body is not JSON.');
  }
  const parsed = messagesRequestSchema.safeParse(body);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return fail(res, 400, 'invalid_request_error', `${issue?.path.join('.') ?? 'body'}: ${issue?.message ?? 'invalid'}`);
  }
  const message = answerDemoRequest(parsed.data);
  if (parsed.data.stream !== true) return void res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(encodeMessageBody(message)));
  res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
  for (const event of encodeMessageEvents(message)) {
    if (res.destroyed) return; // the CLI went away (its request was cancelled)
    res.write(encodeSseEvent(event)); // a few KB in all: no back-pressure to honour
    if (event.type === 'content_block_delta' && event.delta.type === 'text_delta') await sleep(textPaceMs);
  }
  res.end();
}

async function readBody(req: IncomingMessage): Promise<string> {
  const parts: Buffer[] = [];
  let size = 0;
  for await (const part of req as AsyncIterable<Buffer>) {
    size += part.length;
    if (size > maxBodyBytes) throw new Error('body too large');
    parts.push(part);
  }
  return Buffer.concat(parts).toString('utf8');
}

function fail(res: ServerResponse, status: number, type: string, message: string): void {
  res.writeHead(status, { 'content-type': 'application/json', 'x-should-retry': 'false' });
  res.end(JSON.stringify({ type: 'error', error: { type, message } }));
}
