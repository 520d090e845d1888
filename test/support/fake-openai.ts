import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

/** What the fake answers to one POST /v1/chat/completions. */
export type OpenAiReply =
  | {
      kind: 'text';
      chunks: string[];
      reasoning?: string[];
      finish?: string;
      usage?: { prompt: number; completion: number; cached?: number };
      delayMs?: number;
      /** Each chunk as one token with a log probability (and itself as its one alternative). */
      logprobs?: boolean;
    }
  | { kind: 'tool_calls'; calls: Array<{ id: string; name: string; arguments: string }>; chunks?: string[] }
  | { kind: 'error'; status: number; body?: unknown; headers?: Record<string, string> }
  /** Headers and the given chunks, then silence until the client goes. */
  | { kind: 'stall'; chunks: string[] };

export interface RecordedOpenAiRequest {
  headers: IncomingMessage['headers'];
  body: Record<string, unknown> & { model: string; messages: Array<Record<string, unknown>> };
  /** Settles when the client closed the connection before the response ended. */
  aborted: Promise<void>;
}

export interface FakeOpenAi {
  /** Base URL up to /v1, as a provider's base_url. */
  url: string;
  requests: RecordedOpenAiRequest[];
  script(...replies: OpenAiReply[]): void;
  close(): Promise<void>;
}

/** A scripted OpenAI-compatible chat completions server on 127.0.0.1 (streams as `stream: true` asks). */
export async function startFakeOpenAi(fallback: OpenAiReply = { kind: 'text', chunks: ['Hello', ' from', ' openai.'] }): Promise<FakeOpenAi> {
  const queue: OpenAiReply[] = [];
  const requests: RecordedOpenAiRequest[] = [];
  const sockets = new Set<Socket>();
  const server = createServer(async (req, res) => {
    if (req.method === 'GET' && req.url === '/v1/models') {
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ object: 'list', data: [{ id: 'qwen3:8b', object: 'model' }] }));
      return;
    }
    let raw = '';
    for await (const chunk of req) raw += chunk;
    let closedEarly!: () => void;
    const aborted = new Promise<void>((resolve) => (closedEarly = resolve));
    res.on('close', () => !res.writableFinished && closedEarly());
    requests.push({ headers: req.headers, body: JSON.parse(raw), aborted });
    const reply = queue.shift() ?? fallback;
    if (reply.kind === 'error') {
      res.writeHead(reply.status, { 'content-type': 'application/json', ...reply.headers }).end(JSON.stringify(reply.body ?? { error: { message: `fake ${reply.status}`, type: 'error' } }));
      return;
    }
    const model = (JSON.parse(raw) as { model: string }).model;
    res.writeHead(200, { 'content-type': 'text/event-stream' });
    const send = (delta: Record<string, unknown>, finish: string | null = null, extra: Record<string, unknown> = {}) =>
      res.write(`data: ${JSON.stringify({ id: 'chatcmpl-fake', object: 'chat.completion.chunk', created: 1, model, choices: [{ index: 0, delta, finish_reason: finish, ...extra }] })}\n\n`);
    const logprobsOf = (token: string) => {
      const entry = { token, logprob: -0.25, bytes: [...Buffer.from(token)] };
      return { logprobs: { content: [{ ...entry, top_logprobs: [entry] }] } };
    };
    send({ role: 'assistant', content: '' });
    if (reply.kind === 'stall') {
      for (const text of reply.chunks) send({ content: text });
      return; // silence
    }
    if (reply.kind === 'tool_calls') {
      for (const text of reply.chunks ?? []) send({ content: text });
      reply.calls.forEach((call, index) => {
        send({ tool_calls: [{ index, id: call.id, type: 'function', function: { name: call.name, arguments: '' } }] });
        const half = Math.ceil(call.arguments.length / 2);
        for (const part of [call.arguments.slice(0, half), call.arguments.slice(half)]) if (part) send({ tool_calls: [{ index, function: { arguments: part } }] });
      });
      send({}, 'tool_calls');
    } else {
      for (const text of reply.reasoning ?? []) send({ reasoning_content: text });
      for (const text of reply.chunks) {
        if (reply.delayMs) await new Promise((resolve) => setTimeout(resolve, reply.delayMs));
        send({ content: text }, null, reply.logprobs ? logprobsOf(text) : {});
      }
      send({}, reply.finish ?? 'stop');
    }
    const usage = reply.kind === 'text' ? reply.usage : undefined;
    res.write(`data: ${JSON.stringify({ id: 'chatcmpl-fake', object: 'chat.completion.chunk', created: 1, model, choices: [], usage: { prompt_tokens: usage?.prompt ?? 11, completion_tokens: usage?.completion ?? 3, total_tokens: (usage?.prompt ?? 11) + (usage?.completion ?? 3), prompt_tokens_details: { cached_tokens: usage?.cached ?? 0 } } })}\n\n`);
    res.end('data: [DONE]\n\n');
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`,
    requests,
    script: (...replies) => void queue.push(...replies),
    close: async () => {
      for (const socket of sockets) socket.destroy();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}
