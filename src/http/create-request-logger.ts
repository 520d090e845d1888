import type { IncomingMessage } from 'node:http';
import type { Logger } from 'pino';
import { pinoHttp } from 'pino-http';
import { nanoid } from 'nanoid';
import type { Response } from 'express';

const requestIdPattern = /^[\w.:-]{1,128}$/;

/**
 * One JSON line per request: id, method, route, status, duration, model and token counts. Never headers (keys) or
 * bodies (prompts).
 */
export function createRequestLogger(logger: Logger) {
  return pinoHttp({
    logger,
    genReqId: (req, res) => {
      const given = req.headers['x-request-id'];
      const id = typeof given === 'string' && requestIdPattern.test(given) ? given : nanoid();
      res.setHeader('x-request-id', id);
      return id;
    },
    serializers: {
      req: (req: IncomingMessage & { id?: string }) => ({ id: req.id, method: req.method, url: req.url?.split('?')[0] }),
      res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
    },
    customProps: (_req, res) => {
      const locals = (res as unknown as Response).locals ?? {};
      return {
        ...(locals.model ? { model: locals.model } : {}),
        ...(locals.usage ? { tokens: { input: locals.usage.inputTokens, output: locals.usage.outputTokens, cacheRead: locals.usage.cacheReadTokens } } : {}),
        ...(locals.error ? { error: { code: locals.error.code, message: locals.error.message } } : {}),
      };
    },
    // pino-http would attach a synthetic "failed with status code" error; the error code above says more.
    customErrorObject: (_req, _res, _error, loggable: Record<string, unknown>) => ({ ...loggable, err: undefined }),
    customLogLevel: (_req, res, error) => (error || res.statusCode >= 500 ? 'error' : res.statusCode >= 400 ? 'warn' : 'info'),
  });
}
