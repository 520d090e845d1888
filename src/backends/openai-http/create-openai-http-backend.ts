import { createParser } from 'eventsource-parser';
import { Agent, request as send } from 'undici';
import type { Backend, BackendStatus } from '../../core/backend.js';
import { GatewayError, isGatewayError } from '../../core/errors.js';
import { decodeChatStream } from './decode-chat-stream.js';
import { encodeChatRequest } from './encode-chat-request.js';
import { mapHttpError, mapTransportError } from './map-http-error.js';

export interface OpenAiHttpOptions {
  /** The provider's name in the config file (errors and logs say it, never its URL or key). */
  name: string;
  /** Up to and including `/v1`: `${baseUrl}/chat/completions`. */
  baseUrl: string;
  apiKey: string | undefined;
  /** Until the upstream's response headers; between chunks after that (a stall). */
  stallTimeoutMs: number;
  requestTimeoutMs: number;
}

export interface OpenAiHttpBackend extends Backend {
  /** Closes the connection pool once the requests in flight have finished (a config reload replaced it). */
  close(): Promise<void>;
}

/** How often reachability is probed, in the background: /health reads the last answer and never waits on it. */
const probeEveryMs = 30_000;
const probeTimeoutMs = 3000;

/**
 * A backend for an OpenAI-compatible chat completions server (OpenAI, OpenRouter, DeepSeek, Ollama, vLLM, LM Studio,
 * llama.cpp). One keep-alive connection pool per provider; every request streams (`stream: true`), so streaming and
 * non-streaming clients take one path; the client's signal aborts the upstream request.
 */
export function createOpenAiHttpBackend(options: OpenAiHttpOptions): OpenAiHttpBackend {
  const agent = new Agent({ keepAliveTimeout: 30_000, connections: 64 });
  const base = options.baseUrl.replace(/\/+$/, '');
  const headers = {
    'content-type': 'application/json',
    accept: 'text/event-stream',
    ...(options.apiKey ? { authorization: `Bearer ${options.apiKey}` } : {}),
  };

  const probe = async (): Promise<BackendStatus> => {
    try {
      const answer = await send(`${base}/models`, { method: 'GET', headers, dispatcher: agent, signal: AbortSignal.timeout(probeTimeoutMs) });
      await answer.body.dump();
      const reachable = answer.statusCode < 500 && answer.statusCode !== 401 && answer.statusCode !== 403;
      return { available: reachable, version: undefined, problem: reachable ? undefined : `GET /models answered ${answer.statusCode}` };
    } catch (error) {
      return { available: false, version: undefined, problem: mapTransportError(options.name, error).message };
    }
  };
  let reachability: Promise<BackendStatus> = probe();
  const probing = setInterval(() => {
    const next = probe();
    void next.then(() => (reachability = next));
  }, probeEveryMs);
  probing.unref();

  /** The stream's `data:` payloads, parsed, up to `[DONE]` or the end; `state.done` tells which. */
  async function* payloads(body: AsyncIterable<Buffer>, state: { done: boolean }): AsyncGenerator<unknown> {
    const ready: unknown[] = [];
    const parser = createParser({
      onEvent: ({ data }) => {
        if (data === '[DONE]') state.done = true;
        else if (!state.done) ready.push(JSON.parse(data));
      },
    });
    const decoder = new TextDecoder();
    for await (const bytes of body) {
      parser.feed(decoder.decode(bytes, { stream: true }));
      yield* ready.splice(0);
      if (state.done) return;
    }
    parser.reset({ consume: true }); // a last event without its blank line
    yield* ready.splice(0);
    state.done = true;
  }

  return {
    async *stream(request, { signal }) {
      const body = JSON.stringify(encodeChatRequest(request));
      const cancel = AbortSignal.any([signal, AbortSignal.timeout(options.requestTimeoutMs)]);
      let answer: Awaited<ReturnType<typeof send>>;
      const state = { done: false };
      try {
        answer = await send(`${base}/chat/completions`, {
          method: 'POST',
          headers,
          body,
          dispatcher: agent,
          signal: cancel,
          headersTimeout: options.stallTimeoutMs,
          bodyTimeout: options.stallTimeoutMs,
        });
      } catch (error) {
        throw failure(error, signal, cancel, options.name);
      }
      try {
        if (answer.statusCode >= 400) {
          const text = await answer.body.text();
          const retryAfter = answer.headers['retry-after'];
          throw mapHttpError(options.name, answer.statusCode, text, Array.isArray(retryAfter) ? retryAfter[0] : retryAfter);
        }
        yield* decodeChatStream(payloads(answer.body, state), options.name);
      } catch (error) {
        throw failure(error, signal, cancel, options.name);
      } finally {
        // A finished answer's rest is read (briefly) so its connection can be reused; an early stop (a stop
        // sequence, the client gone, a failure) closes the upstream response, and so its request.
        if (state.done) void answer.body.dump({ limit: 64 * 1024 }).catch(() => undefined);
        else if (!answer.body.destroyed) answer.body.destroy();
      }
    },
    // Sampling goes upstream as asked (whether the model honours it is the upstream's business); the CLI's built-in
    // tools (web search) and stop sequences beyond OpenAI's four do not.
    ignores: (request) => [
      ...(request.builtinTools && request.builtinTools.names.length > 0 ? [request.builtinTools.param] : []),
      ...(request.stopSequences.length > 4 ? ['stop'] : []),
    ],
    status: () => reachability,
    authStatus: async () => ({ loggedIn: options.apiKey !== undefined, method: 'api_key', provider: options.name, source: 'config file' }),
    close: () => {
      clearInterval(probing);
      return agent.close();
    },
  };
}

function failure(error: unknown, client: AbortSignal, cancel: AbortSignal, provider: string): GatewayError {
  if (isGatewayError(error)) return error;
  if (client.aborted) return new GatewayError('client_closed', 'The client went away.', { cause: error });
  if (cancel.aborted) return new GatewayError('timeout', `The request took longer than allowed for provider '${provider}'.`, { cause: error });
  if (error instanceof SyntaxError) return new GatewayError('upstream_error', `Provider '${provider}' sent a chunk that is not JSON.`, { cause: error });
  return mapTransportError(provider, error);
}
