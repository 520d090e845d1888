import type { Response } from 'express';

/** Whose data a request may see: the configured API key it matched (a hash of it), or the one local owner. */
export const ownerOf = (res: Response): string => res.locals.clientKey ?? 'local';
