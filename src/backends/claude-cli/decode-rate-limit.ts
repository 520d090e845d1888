import type { QuotaState } from '../../core/quota-tracker.js';
import { cliRateLimitLineSchema } from '../../wire/claude-cli-stream.js';
import type { CliRecord } from './decode-records.js';

/** A `rate_limit_event` line → the quota state it reports; undefined for any other line or one without a status. */
export function decodeRateLimit(record: CliRecord): QuotaState | undefined {
  if (record.type !== 'rate_limit_event') return undefined;
  const line = cliRateLimitLineSchema.safeParse(record);
  if (!line.success) return undefined;
  const info = line.data.rate_limit_info;
  return {
    status: info.status,
    resetsAt: info.resetsAt,
    window: info.rateLimitType,
    utilization: info.utilization,
    // The CLI's own verdict that extra usage carries on (status rejected, overage allowed) says as much as the status.
    overageStatus: info.overageStatus ?? (info.isUsingOverage ? 'allowed' : undefined),
    overageResetsAt: info.overageResetsAt,
  };
}
