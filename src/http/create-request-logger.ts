import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Logger } from 'pino';
import { stdSerializers } from 'pino';
import { pinoHttp } from 'pino-http';
import { nanoid } from 'nanoid';
import type { Response } from 'express';

const requestIdPattern = /^[\w.:-]{1,128}$/;

const localsOf = (res: ServerResponse) => (res as unknown as Response).locals ?? {};

/**
 * One JSON line per request: id, method, route, status, duration, model, token counts, and the error it ended with —
 * its code, message and, for the log alone, the details the client was not shown. Never headers (keys) or bodies
 * (prompts). A failure after a stream started (status 200) is logged at the level its error deserves.
 */
export function createRequestLogger(logger: Logger) {
  return pinoHttp({
    logger,
    genReqId: (req, res) => {
      const given = req.headers['x-request-id'];
      const id = typeof given === 'string' && requestIdPattern.test(given) ? given : nanoid();
      res.setHeader('x-request-id', id);
      res.setHeader('request-id', id); // the Anthropic API's name for it, which its SDKs read
      return id;
    },
    serializers: {
      req: (req: IncomingMessage & { id?: string }) => ({ id: req.id, method: req.method, url: req.url?.split('?')[0] }),
      res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
    },
    customProps: (_req, res) => {
      const { model, route, usage, error } = localsOf(res);
      return {
        ...(model ? { model } : {}),
        ...(route ? { route } : {}),
        ...(usage ? { tokens: { input: usage.inputTokens, output: usage.outputTokens, cacheRead: usage.cacheReadTokens } } : {}),
        ...(error
          ? {
              error: {
                code: error.code,
                message: error.message,
                ...(error.detail ? { detail: error.detail } : {}),
                ...(error.code === 'internal_error' && error.cause instanceof Error ? { cause: stdSerializers.err(error.cause) } : {}),
              },
            }
          : {}),
      };
    },
    // pino-http would attach a synthetic "failed with status code" error; the error above says more.
    customErrorObject: (_req, _res, _error, loggable: Record<string, unknown>) => ({ ...loggable, err: undefined }),
    customLogLevel: (_req, res, thrown) => {
      const error = localsOf(res).error;
      if (thrown || error?.code === 'internal_error' || res.statusCode >= 500) return 'error';
      if (error && error.code !== 'client_closed') return error.status >= 500 ? 'error' : 'warn';
      return res.statusCode >= 400 ? 'warn' : 'info';
    },
  });
}
