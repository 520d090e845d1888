import type { RequestHandler } from 'express';
import { GatewayError } from '../core/errors.js';

/** The end of a chain no route answered: a 404 in the shape of the error handler after it. */
export const notFound: RequestHandler = (req, _res, next) => next(new GatewayError('not_found', `No route for ${req.method} ${req.originalUrl.split('?')[0]}.`));
