/** The value types the environment's variables are parsed as (config.ts). */
import { z } from 'zod';
import { modelIdPattern } from './core/model-id.js';

const csvItems = (value: string) =>
  value
    .split(',')
    .map((item) => item.trim())
    .filter((item) => item.length > 0);
export const csv = (fallback = '') => z.string().default(fallback).transform(csvItems);
export const seconds = (fallback: number, min = 0) =>
  z.coerce
    .number()
    .positive()
    .min(min)
    .max(86_400, 'at most 86400 (one day)')
    .default(fallback)
    .transform((s) => Math.round(s * 1000));
export const count = (fallback: number, min = 1) => z.coerce.number().int().min(min).default(fallback);
export const toolName = /^[A-Za-z][A-Za-z0-9_]*$/;
export const modelId = z.string().regex(modelIdPattern, 'not a valid model id');
/** Deny entries may be permission rules such as `WebFetch(domain:intranet.example)`; commas would split them. */
export const toolRule = /^[A-Za-z][A-Za-z0-9_]*(\([^(),\n]*\))?$/;

export const aliasList = (fallback: string) =>
  csv(fallback).transform((pairs, ctx) => {
    const aliases = new Map<string, string>();
    for (const pair of pairs) {
      const [from, to, ...rest] = pair.split('=').map((side) => side.trim());
      if (!from || !to || rest.length > 0) {
        ctx.addIssue({ code: 'custom', message: `'${pair}' is not of the form alias=model` });
        continue;
      }
      if (!modelIdPattern.test(to)) ctx.addIssue({ code: 'custom', message: `'${to}' is not a valid model id` });
      aliases.set(from, to);
    }
    return aliases;
  });

/** A comma-separated list of names that may be left unset (undefined: the caller's default) or set to `none` (empty). */
export const nameList = () =>
  z
    .string()
    .optional()
    .transform((value) => (value === undefined ? undefined : value === 'none' ? [] : csvItems(value)));
