import type { Backend } from '../../core/backend.js';
import { cacheFor } from '../../core/cache-for.js';
import { cutAtStopSequences } from '../../core/cut-at-stop-sequences.js';
import { limitToolCalls } from '../../core/limit-tool-calls.js';
import { answerControlRequests, refuseControlRequests } from './answer-control-requests.js';
import { createClientToolResponder } from './client-tools.js';
import { createTokenCounter } from './create-token-counter.js';
import { decodeRecords } from './decode-records.js';
import { decodeCliStream } from './decode-stream.js';
import { encodeInvocation, type InvocationSettings } from './encode-invocation.js';
import { readCliAuthStatus, readCliVersion } from './read-cli-status.js';
import { startCliProcess } from './run-process.js';

export interface ClaudeCliBackendOptions extends InvocationSettings {
  cliPath: string;
  /** An empty directory the CLI runs in, so no project files, CLAUDE.md or .mcp.json are picked up. */
  sandboxDir: string;
  requestTimeoutMs: number;
  stallTimeoutMs: number;
  onSpawn?: ((pid: number) => void) | undefined;
}

/** The backend that runs each request through one `claude -p` process. */
export function createClaudeCliBackend(options: ClaudeCliBackendOptions): Backend {
  const probe = { cliPath: options.cliPath, env: { ...options.env }, cwd: options.sandboxDir };
  // /health is open to probes: one `claude --version` a minute at most, however often it is asked.
  const status = cacheFor(60_000, () => readCliVersion(probe));
  const countTokens = createTokenCounter();
  return {
    stream(request, { signal }) {
      const invocation = encodeInvocation(request, options); // validates: a bad request fails here, not in the queue
      const respond = request.tools.length > 0 ? createClientToolResponder(request.tools) : refuseControlRequests;
      const cli = startCliProcess(invocation, {
        cliPath: options.cliPath,
        cwd: options.sandboxDir,
        signal,
        requestTimeoutMs: options.requestTimeoutMs,
        stallTimeoutMs: options.stallTimeoutMs,
        onSpawn: options.onSpawn,
      });
      const decoded = decodeCliStream(answerControlRequests(decodeRecords(cli.lines), cli, respond), {
        structuredOutput: request.responseFormat.type === 'json',
      });
      // Stop sequences also go upstream (encode-invocation); this cut is the guarantee, and the only cut for
      // whitespace-only sequences the API refuses.
      const events = cutAtStopSequences(decoded, request.stopSequences, countTokens);
      // The CLI cannot be told to make one call at most; extra calls are dropped instead.
      return request.parallelToolCalls ? events : limitToolCalls(events, 1);
    },
    status,
    authStatus: () => readCliAuthStatus(probe),
  };
}
