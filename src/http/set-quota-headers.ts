import type { Response } from 'express';
import type { QuotaState } from '../core/quota-tracker.js';

/** The API's abbreviations of the windows in its per-window header names (the CLI's table of them). */
const claimAbbreviation: Readonly<Record<string, string>> = { five_hour: '5h', seven_day: '7d', seven_day_overage_included: '7d_oi', overage: 'overage' };

/**
 * The subscription's usage window as the headers the Anthropic API sends Claude Code for it
 * (`anthropic-ratelimit-unified-*`, which Claude Code and Anthropic-aware tools read), on every front: what is known,
 * nothing when nothing is. Only before the response has started: a stream's headers are gone with its first event.
 */
export function setQuotaHeaders(res: Response, state: QuotaState | undefined): void {
  if (state === undefined || res.headersSent) return;
  const prefix = 'anthropic-ratelimit-unified-';
  res.set(`${prefix}status`, state.status);
  if (state.resetsAt !== undefined) res.set(`${prefix}reset`, String(state.resetsAt));
  if (state.window !== undefined) res.set(`${prefix}representative-claim`, state.window);
  const abbreviation = state.window === undefined ? undefined : claimAbbreviation[state.window];
  if (abbreviation !== undefined && state.utilization !== undefined) res.set(`${prefix}${abbreviation}-utilization`, String(state.utilization));
  if (state.overageStatus !== undefined) res.set(`${prefix}overage-status`, state.overageStatus);
  if (state.overageResetsAt !== undefined) res.set(`${prefix}overage-reset`, String(state.overageResetsAt));
}

/** The names setQuotaHeaders may send, for CORS to expose. */
export const quotaHeaderNames = [
  'status', 'reset', 'representative-claim', ...Object.values(claimAbbreviation).map((abbreviation) => `${abbreviation}-utilization`), 'overage-status', 'overage-reset',
].map((name) => `anthropic-ratelimit-unified-${name}`);
