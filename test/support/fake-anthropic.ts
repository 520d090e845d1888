import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { encodeMessageBody } from '../../src/demo/encode-message-body.js';
import { encodeMessageEvents } from '../../src/demo/encode-message-events.js';
import { encodeSseEvent } from '../../src/demo/encode-sse-event.js';
import type { UpstreamBlock, UpstreamMessage, UpstreamUsage } from '../../src/demo/upstream-message.js';

/** What the fake answers to one POST /v1/messages. */
export type Reply =
  | { kind: 'text'; chunks: string[]; thinking?: string[]; stopReason?: string; stopSequence?: string; delayMs?: number; usage?: Partial<UpstreamUsage>; headers?: Record<string, string> }
  | { kind: 'error'; status: number; type: string; message?: string; headers?: Record<string, string> }
  /** Headers and the given text, then silence until the test ends. */
  | { kind: 'stall'; chunks: string[] }
  /** The given text, then the socket is destroyed mid-stream. */
  | { kind: 'break'; chunks: string[] }
  /** Optional text, then one tool_use block per call (input streamed as JSON fragments), stop_reason tool_use. */
  | { kind: 'tool_use'; chunks?: string[]; calls: Array<{ name: string; input: Record<string, unknown> }> };

export interface RecordedRequest {
  path: string;
  headers: IncomingMessage['headers'];
  // The Anthropic request body as the CLI sent it.
  body: { model?: string; stream?: boolean; system?: Array<{ text: string }>; tools?: Array<{ name: string }>; messages?: Array<{ role: string; content: unknown }> } & Record<string, unknown>;
}

export interface FakeAnthropic {
  /** Base URL for ANTHROPIC_BASE_URL. */
  url: string;
  /** Every /v1/messages request received, in order. */
  requests: RecordedRequest[];
  /** Queues replies for the next requests; once the queue is empty, `fallback` answers. */
  script(...replies: Reply[]): void;
  /** Drops replies still queued (a request that never reached the fake leaves its reply for the next one). */
  unscript(): void;
  close(): Promise<void>;
}

/**
 * The API's headers about a subscription's usage window, as it sends them to an OAuth login (the CLI's names for
 * them; docs/cli-rate-limits.md). `resetsAt` in epoch seconds; the 5-hour window decides.
 */
export function subscriptionHeaders(status: 'allowed' | 'allowed_warning' | 'rejected', resetsAt: number, utilization: number): Record<string, string> {
  const prefix = 'anthropic-ratelimit-unified-';
  return {
    [`${prefix}status`]: status,
    [`${prefix}reset`]: String(resetsAt),
    [`${prefix}representative-claim`]: 'five_hour',
    [`${prefix}5h-utilization`]: String(utilization),
    [`${prefix}5h-reset`]: String(resetsAt),
    [`${prefix}7d-utilization`]: '0.3',
    [`${prefix}7d-reset`]: String(resetsAt + 3 * 86_400),
    // Above the warning threshold, the API names the one passed (the CLI then reports the utilization).
    ...(status === 'allowed_warning' ? { [`${prefix}5h-surpassed-threshold`]: '0.9' } : {}),
    [`${prefix}overage-status`]: 'rejected',
    [`${prefix}overage-disabled-reason`]: 'org_level_disabled',
  };
}

export const defaultUsage: UpstreamUsage = { input_tokens: 21, output_tokens: 7, cache_read_input_tokens: 5, cache_creation_input_tokens: 3 };

/** A scripted stand-in for the Anthropic Messages API on 127.0.0.1, speaking its streaming SSE. */
export async function startFakeAnthropic(fallback: Reply = { kind: 'text', chunks: ['Hello', ' from', ' fake.'] }): Promise<FakeAnthropic> {
  const queue: Reply[] = [];
  const requests: RecordedRequest[] = [];
  const sockets = new Set<Socket>();
  let counter = 0;

  const server = createServer(async (req, res) => {
    const raw = await readBody(req);
    if (req.method !== 'POST' || !req.url?.startsWith('/v1/messages')) {
      res.writeHead(200, { 'content-type': 'application/json' }).end('{}'); // the CLI's reachability probe
      return;
    }
    const body = JSON.parse(raw) as RecordedRequest['body'];
    requests.push({ path: req.url, headers: req.headers, body });
    counter += 1;
    await answer(res, honourStopSequences(queue.shift() ?? fallback, body.stop_sequences), `msg_fake_${counter}`, body.stream === true);
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    script: (...replies) => void queue.push(...replies),
    unscript: () => void queue.splice(0),
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

async function readBody(req: IncomingMessage): Promise<string> {
  const parts: Buffer[] = [];
  for await (const part of req) parts.push(part as Buffer);
  return Buffer.concat(parts).toString('utf8');
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function answer(res: ServerResponse, reply: Reply, id: string, stream: boolean): Promise<void> {
  if (reply.kind === 'error') {
    res.writeHead(reply.status, { 'content-type': 'application/json', 'x-should-retry': 'false', ...reply.headers });
    res.end(JSON.stringify({ type: 'error', error: { type: reply.type, message: reply.message ?? `fake ${reply.status} error` } }));
    return;
  }
  const message = toMessage(reply, id);
  const headers = reply.kind === 'text' ? reply.headers : undefined;
  if (!stream) {
    // The CLI's non-streaming fallback after a broken stream (protocol §3.3).
    res.writeHead(200, { 'content-type': 'application/json', ...headers });
    res.end(JSON.stringify(encodeMessageBody(message)));
    return;
  }
  res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache', ...headers });
  for (const event of encodeMessageEvents(message)) {
    if (event.type === 'content_block_stop' && (reply.kind === 'stall' || reply.kind === 'break')) {
      if (reply.kind === 'stall') return; // keep the response open; close() destroys the socket
      await sleep(50); // let the deltas reach the client first
      res.socket?.destroy();
      return;
    }
    res.write(encodeSseEvent(event));
    if (reply.kind === 'text' && reply.delayMs && event.type === 'content_block_delta' && event.delta.type === 'text_delta') await sleep(reply.delayMs);
  }
  res.end();
}

let toolUseCounter = 0;

/** A reply as the message the upstream sends: thinking, then text, then tool calls. */
function toMessage(reply: Exclude<Reply, { kind: 'error' }>, id: string): UpstreamMessage {
  const usage = { ...defaultUsage, ...(reply.kind === 'text' ? reply.usage : {}) };
  const message = { id, model: 'claude-fake', usage };
  if (reply.kind === 'tool_use') {
    const calls = reply.calls.map((call): UpstreamBlock => ({ type: 'tool_use', id: `toolu_fake_${(toolUseCounter += 1)}`, ...call }));
    return { ...message, content: [...(reply.chunks?.length ? [{ type: 'text' as const, chunks: reply.chunks }] : []), ...calls], stopReason: 'tool_use' };
  }
  const thinking: UpstreamBlock[] = reply.kind === 'text' && reply.thinking ? [{ type: 'thinking', chunks: reply.thinking, signature: 'sig' }] : [];
  const stop = reply.kind === 'text' ? { stopReason: reply.stopReason ?? 'end_turn', stopSequence: reply.stopSequence } : { stopReason: 'end_turn' };
  return { ...message, content: [...thinking, { type: 'text', chunks: reply.chunks }], ...stop };
}

/** Like the real API: the text ends before the first stop sequence, with stop_reason "stop_sequence". */
function honourStopSequences(reply: Reply, stops: unknown): Reply {
  if (reply.kind !== 'text' || !Array.isArray(stops)) return reply;
  const text = reply.chunks.join('');
  const found = stops.map(String).filter((stop) => text.includes(stop));
  const first = found.sort((a, b) => text.indexOf(a) - text.indexOf(b))[0];
  if (first === undefined) return reply;
  const at = text.indexOf(first);
  const chunks: string[] = [];
  let length = 0;
  for (const chunk of reply.chunks) {
    if (length >= at) break;
    chunks.push(chunk.slice(0, at - length));
    length += chunk.length;
  }
  return { ...reply, chunks, stopReason: 'stop_sequence', stopSequence: first };
}
