import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

/** What the fake answers to one POST /v1/messages. */
export type Reply =
  | { kind: 'text'; chunks: string[]; thinking?: string[]; stopReason?: string; stopSequence?: string; delayMs?: number; usage?: Partial<UpstreamUsage> }
  | { kind: 'error'; status: number; type: string; message?: string; headers?: Record<string, string> }
  /** Headers and the given text, then silence until the test ends. */
  | { kind: 'stall'; chunks: string[] }
  /** The given text, then the socket is destroyed mid-stream. */
  | { kind: 'break'; chunks: string[] }
  /** Optional text, then one tool_use block per call (input streamed as JSON fragments), stop_reason tool_use. */
  | { kind: 'tool_use'; chunks?: string[]; calls: Array<{ name: string; input: Record<string, unknown> }> };

interface UpstreamUsage {
  input_tokens: number;
  output_tokens: number;
  cache_read_input_tokens: number;
  cache_creation_input_tokens: number;
}

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
  const usage = { ...defaultUsage, ...(reply.kind === 'text' ? reply.usage : {}) };
  if (reply.kind === 'tool_use') return answerToolUse(res, reply, id, usage);
  const text = reply.chunks.join('');
  if (!stream) {
    // The CLI's non-streaming fallback after a broken stream (protocol §3.3).
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ id, type: 'message', role: 'assistant', model: 'claude-fake', content: [{ type: 'text', text }], stop_reason: 'end_turn', stop_sequence: null, usage }));
    return;
  }
  res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
  const send = (event: { type: string } & Record<string, unknown>) => res.write(`event: ${event.type}\ndata: ${JSON.stringify(event)}\n\n`);
  send({ type: 'message_start', message: { id, type: 'message', role: 'assistant', model: 'claude-fake', content: [], stop_reason: null, stop_sequence: null, usage: { ...usage, output_tokens: 1 } } });
  let index = 0;
  if (reply.kind === 'text' && reply.thinking) {
    send({ type: 'content_block_start', index, content_block: { type: 'thinking', thinking: '', signature: '' } });
    for (const thought of reply.thinking) send({ type: 'content_block_delta', index, delta: { type: 'thinking_delta', thinking: thought } });
    send({ type: 'content_block_delta', index, delta: { type: 'signature_delta', signature: 'sig' } });
    send({ type: 'content_block_stop', index });
    index += 1;
  }
  send({ type: 'content_block_start', index, content_block: { type: 'text', text: '' } });
  for (const chunk of reply.chunks) {
    send({ type: 'content_block_delta', index, delta: { type: 'text_delta', text: chunk } });
    if (reply.kind === 'text' && reply.delayMs) await sleep(reply.delayMs);
  }
  if (reply.kind === 'stall') return; // keep the response open; close() destroys the socket
  if (reply.kind === 'break') {
    await sleep(50); // let the deltas reach the client first
    res.socket?.destroy();
    return;
  }
  send({ type: 'content_block_stop', index });
  const stopSequence = reply.kind === 'text' ? (reply.stopSequence ?? null) : null;
  send({ type: 'message_delta', delta: { stop_reason: reply.stopReason ?? 'end_turn', stop_sequence: stopSequence }, usage: { output_tokens: usage.output_tokens } });
  send({ type: 'message_stop' });
  res.end();
}

let toolUseCounter = 0;

function answerToolUse(res: ServerResponse, reply: Extract<Reply, { kind: 'tool_use' }>, id: string, usage: UpstreamUsage): void {
  res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
  const send = (event: { type: string } & Record<string, unknown>) => res.write(`event: ${event.type}\ndata: ${JSON.stringify(event)}\n\n`);
  send({ type: 'message_start', message: { id, type: 'message', role: 'assistant', model: 'claude-fake', content: [], stop_reason: null, stop_sequence: null, usage: { ...usage, output_tokens: 1 } } });
  let index = 0;
  if (reply.chunks?.length) {
    send({ type: 'content_block_start', index, content_block: { type: 'text', text: '' } });
    for (const chunk of reply.chunks) send({ type: 'content_block_delta', index, delta: { type: 'text_delta', text: chunk } });
    send({ type: 'content_block_stop', index });
    index += 1;
  }
  for (const call of reply.calls) {
    toolUseCounter += 1;
    send({ type: 'content_block_start', index, content_block: { type: 'tool_use', id: `toolu_fake_${toolUseCounter}`, name: call.name, input: {} } });
    // Like the real API: arguments in two fragments, or one empty fragment for a call without arguments.
    const json = Object.keys(call.input).length === 0 ? '' : JSON.stringify(call.input);
    const cut = Math.ceil(json.length / 2);
    for (const part of json ? [json.slice(0, cut), json.slice(cut)] : ['']) send({ type: 'content_block_delta', index, delta: { type: 'input_json_delta', partial_json: part } });
    send({ type: 'content_block_stop', index });
    index += 1;
  }
  send({ type: 'message_delta', delta: { stop_reason: 'tool_use', stop_sequence: null }, usage: { output_tokens: usage.output_tokens } });
  send({ type: 'message_stop' });
  res.end();
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
