import type { Backend } from '../../core/backend.js';
import { cacheFor } from '../../core/cache-for.js';
import { cutAtStopSequences, type CountTokens } from '../../core/cut-at-stop-sequences.js';
import { isGatewayError } from '../../core/errors.js';
import { limitToolCalls } from '../../core/limit-tool-calls.js';
import type { ModelEvent } from '../../core/model-event.js';
import { samplingParams } from '../../core/model-request.js';
import type { QuotaTracker } from '../../core/quota-tracker.js';
import { answerControlRequests } from './answer-control-requests.js';
import type { CliExtensions } from './cli-extensions.js';
import { createClientToolsServer, deferClientTools, offeredClientTools } from './client-tools.js';
import { decodeRateLimit } from './decode-rate-limit.js';
import { decodeRecords, type CliRecord } from './decode-records.js';
import { decodeCliStream } from './decode-stream.js';
import { checkConversation } from './encode-prompt.js';
import { encodeRunSettings } from './encode-run-settings.js';
import { encodeSpawn, type SpawnSettings } from './encode-spawn.js';
import { encodeTurn } from './encode-turn.js';
import { createWebFetchGuard, type ResolveHost } from './guard-web-fetch.js';
import { readCliAuthStatus, readCliVersion } from './read-cli-status.js';
import { runTurn } from './run-turn.js';
import type { CliProcess, SpawnCli } from './spawn-cli.js';

export interface ClaudeCliBackendOptions extends SpawnSettings {
  /** Starts CLI processes (with the gateway's concurrency limit around it). */
  spawn: SpawnCli;
  /** For the status probes (`claude --version`, `claude auth status`). */
  cliPath: string;
  sandboxDir: string;
  requestTimeoutMs: number;
  stallTimeoutMs: number;
  /** Let WebFetch reach private, loopback and link-local addresses. */
  webFetchAllowPrivate: boolean;
  /** How WebFetch's guard resolves host names (tests inject one). */
  resolveHost?: ResolveHost | undefined;
  /** Estimates the output tokens of an answer the gateway itself cut at a stop sequence. */
  countTokens: CountTokens;
  /** The login's usage window, kept across runs: its reports update it, and a used-up window refuses runs. */
  quota: QuotaTracker;
}

/**
 * A pre-started process that failed before saying anything is the pool's fault, not the request's: it is retried,
 * once, on a process started now (nothing has reached the client: no output, no events). Not a timeout: that is the
 * request's own limit, and silence until then says nothing about the process.
 */
function shouldRetry(cli: CliProcess, spoke: boolean, error: unknown, signal: AbortSignal): boolean {
  return cli.pooled === true && !spoke && !signal.aborted && !(isGatewayError(error) && error.code === 'timeout');
}

/** The backend that runs each request through one `claude -p` process. */
export function createClaudeCliBackend(options: ClaudeCliBackendOptions): Backend {
  const probe = { cliPath: options.cliPath, env: { ...options.env }, cwd: options.sandboxDir };
  // /health is open to probes: one `claude --version` a minute at most, however often it is asked (every 5 s while
  // the CLI does not run, so a fix shows soon).
  const status = cacheFor((answer) => (answer.available ? 60_000 : 5_000), () => readCliVersion(probe));
  // Each probe is a CLI process (~250 MB): concurrent callers share one, and the answer is kept briefly.
  const auth = cacheFor(10_000, () => readCliAuthStatus(probe));
  const webFetchGuard = createWebFetchGuard(options.resolveHost);

  // A failure that shows a cached status is stale drops it, so /health and /v1/auth/status catch up at once.
  async function* forgetStaleStatus(events: AsyncIterable<ModelEvent>): AsyncGenerator<ModelEvent> {
    try {
      yield* events;
    } catch (error) {
      if (isGatewayError(error) && error.code === 'cli_not_installed') status.forget();
      if (isGatewayError(error) && error.code === 'cli_not_authenticated') auth.forget();
      throw error;
    }
  }

  async function* noting(lines: AsyncIterable<string>, spoke: () => void): AsyncGenerator<string> {
    for await (const line of lines) {
      spoke();
      yield line;
    }
  }

  // The CLI's `rate_limit_event` lines (docs/cli-rate-limits.md) noted as they pass.
  async function* notingQuota(records: AsyncIterable<CliRecord>): AsyncGenerator<CliRecord> {
    for await (const record of records) {
      const state = decodeRateLimit(record);
      if (state) options.quota.note(state);
      yield record;
    }
  }

  return {
    stream(request, { signal }) {
      // A CLI started now would only hear the same 429 from the API: refused before it takes a slot.
      const refused = options.quota.refusal();
      if (refused) throw refused;
      // Validation happens here, before the request waits for a process: a bad request fails at once.
      const runSettings = encodeRunSettings(request, options.env.CLAUDE_CODE_EXTRA_BODY);
      const spawnSpec = { ...encodeSpawn(request, options), forRequest: runSettings.atSpawn };
      checkConversation(request.messages);
      const guardWebFetch = spawnSpec.offeredTools.includes('WebFetch') && !options.webFetchAllowPrivate;
      const clientTools = offeredClientTools(request);
      const extensions: CliExtensions = {
        hooks: [...(clientTools.length > 0 ? [deferClientTools] : []), ...(guardWebFetch ? [webFetchGuard] : [])],
        servers: clientTools.length > 0 ? [createClientToolsServer(clientTools)] : [],
      };
      async function* run(): AsyncGenerator<ModelEvent> {
        const structuredOutput = request.responseFormat.type === 'json';
        let startedAt: number | undefined; // one deadline for the request's run, a retry included
        for (let fresh = false; ; fresh = true) {
          const cli = await options.spawn(spawnSpec, signal, { fresh });
          startedAt ??= Date.now();
          const settings = [...(cli.pooled ? runSettings.onStdin : []), ...runSettings.always];
          const stdin = encodeTurn(request, extensions, settings);
          let spoke = false;
          const limits = { signal, requestTimeoutMs: options.requestTimeoutMs, startedAt, stallTimeoutMs: options.stallTimeoutMs };
          const records = decodeRecords(noting(runTurn(cli, stdin, limits), () => (spoke = true)));
          try {
            yield* decodeCliStream(notingQuota(answerControlRequests(records, cli, extensions)), { structuredOutput });
            return;
          } catch (error) {
            if (!fresh && shouldRetry(cli, spoke, error, signal)) continue;
            // The run that found the window used up says so as the next ones will, with the time until its reset.
            if (isGatewayError(error) && error.code === 'upstream_rate_limited') throw options.quota.refusal(error) ?? error;
            throw error;
          }
        }
      }
      // Stop sequences also go upstream (encode-run-settings); this cut is the guarantee, and the only cut for
      // whitespace-only sequences the API refuses.
      const events = cutAtStopSequences(forgetStaleStatus(run()), request.stopSequences, options.countTokens);
      // The CLI cannot be told to make one call at most; extra calls are dropped instead.
      return request.parallelToolCalls ? events : limitToolCalls(events, 1);
    },
    // The CLI has no way to set sampling.
    ignores: (request) => samplingParams(request.sampling),
    status: () => status.get(),
    authStatus: () => auth.get(),
    quota: () => options.quota.current(),
  };
}
