import { GatewayError } from './errors.js';

/**
 * A subscription's usage window as its provider last reported it (the Claude CLI's `rate_limit_event`, which mirrors
 * the API's `anthropic-ratelimit-unified-*` headers).
 */
export interface QuotaState {
  /** `allowed`, `allowed_warning` (nearing the limit) or `rejected` (used up until `resetsAt`); others pass through. */
  status: string;
  /** When the window resets, in epoch seconds. */
  resetsAt: number | undefined;
  /** The window that decides: `five_hour`, `seven_day`, `seven_day_opus`, `overage`, … */
  window: string | undefined;
  /** The share of the window used, 0–1, when the provider said (it does from a warning threshold on). */
  utilization: number | undefined;
  /** Extra usage beyond the subscription: `allowed` lets requests go on after the window is used up. */
  overageStatus: string | undefined;
  /** When the extra usage resets, in epoch seconds. */
  overageResetsAt: number | undefined;
}

export interface QuotaTracker {
  /** Keeps a state the backend reported; the latest one wins. */
  note(state: QuotaState): void;
  /** The latest state while it holds: until its window resets (then nothing is known until the next report). */
  current(): QuotaState | undefined;
  /** The 429 a run would end in: the window is used up, no extra usage is allowed, and the reset is still ahead. */
  refusal(cause?: unknown): GatewayError | undefined;
}

const canGoOn = new Set(['allowed', 'allowed_warning']);

/** One per gateway: what the runs of its CLIs last said about the login's quota. */
export function createQuotaTracker(now: () => number = Date.now): QuotaTracker {
  let latest: QuotaState | undefined;
  const current = () => (latest && (latest.resetsAt === undefined || latest.resetsAt * 1000 > now()) ? latest : undefined);
  return {
    note: (state) => void (latest = state),
    current,
    refusal(cause) {
      const state = current();
      if (state?.status !== 'rejected' || state.resetsAt === undefined || canGoOn.has(state.overageStatus ?? '')) return undefined;
      // Whichever resets first may let requests through again (extra usage resets on its own schedule).
      const until = Math.min(state.resetsAt, state.overageResetsAt ?? Infinity);
      if (until * 1000 <= now()) return undefined; // the extra usage has reset: a run finds out what holds now
      const retryAfterSeconds = Math.max(1, Math.ceil(until - now() / 1000));
      const which = state.window ? `${state.window.replaceAll('_', '-')} ` : '';
      return new GatewayError(
        'quota_exhausted',
        `The Claude subscription's ${which}usage limit is reached; it resets at ${new Date(until * 1000).toISOString()}. Retry after ${retryAfterSeconds} s.`,
        { retryAfterSeconds, cause },
      );
    },
  };
}
