import type { Server } from 'node:http';
import type { Logger } from 'pino';

export interface Stoppable {
  server: Server;
  metricsServer: Server | undefined;
  /** Aborted at once: new requests are refused. */
  draining: AbortController;
  /** Aborted when the grace period ends: the requests still running (and their CLIs) are stopped. */
  deadline: AbortController;
  graceMs: number;
  logger: Logger;
  /** The CLIs still alive are waited for, briefly, once the last response is out. */
  clis: { readonly alive: number };
  /** Closed when shutdown starts (the pool's spare CLIs, the config watcher). */
  closing: ReadonlyArray<() => unknown>;
  /** Closed after the last response, in order (the store: a session or stored response is written by then). */
  closingLast: ReadonlyArray<() => unknown>;
}

/**
 * SIGTERM/SIGINT: stop accepting, let in-flight requests finish for the grace period, then stop them; exit 0 once
 * the last response is out and the store is closed.
 */
export function stopOnSignals(gateway: Stoppable): void {
  const { server, logger } = gateway;
  const shutdown = (signal: string) => {
    if (gateway.draining.signal.aborted) return;
    logger.info({ signal, graceMs: gateway.graceMs }, 'shutting down: finishing in-flight requests');
    gateway.draining.abort();
    for (const close of gateway.closing) void close();
    server.close(async () => {
      gateway.metricsServer?.close(); // scraped until the last response is out
      // The last responses are out; their CLIs may still be exiting (or being killed): wait for that, briefly.
      for (let waited = 0; gateway.clis.alive > 0 && waited < 5000; waited += 50) await new Promise((resolve) => setTimeout(resolve, 50));
      let failed = false;
      for (const close of gateway.closingLast) {
        try {
          await close();
        } catch (error) {
          failed = true;
          logger.error({ err: error }, 'could not close cleanly');
        }
      }
      logger.info({ clisLeft: gateway.clis.alive }, 'stopped');
      process.exit(failed ? 1 : 0);
    });
    // Connections go idle as their requests finish; close them then rather than after the keep-alive timeout.
    setInterval(() => server.closeIdleConnections(), 200).unref();
    setTimeout(() => {
      logger.warn('grace period over: stopping the requests still running');
      gateway.deadline.abort();
      setTimeout(() => server.closeAllConnections(), 1000).unref();
    }, gateway.graceMs).unref();
  };
  process.on('SIGTERM', () => shutdown('SIGTERM'));
  process.on('SIGINT', () => shutdown('SIGINT'));
}
