import { decodeRateLimit } from '../../../src/backends/claude-cli/decode-rate-limit.js';
import { decodeRecords } from '../../../src/backends/claude-cli/decode-records.js';
import type { CliRecord } from '../../../src/backends/claude-cli/decode-records.js';
import { asAsync, drain, fixtureLines, recordedQuotaReset } from '../../support/fixtures.js';

const reportsOf = async (fixture: string) => (await drain(decodeRecords(asAsync(fixtureLines(fixture))))).map(decodeRateLimit).filter((state) => state !== undefined);

describe('decodeRateLimit on recorded CLI runs (a subscription login)', () => {
  test('a run past the warning threshold reports the window, its reset and how much of it is used', async () => {
    expect(await reportsOf('quota-warning')).toEqual([
      { status: 'allowed_warning', resetsAt: recordedQuotaReset, window: 'five_hour', utilization: 0.92, overageStatus: undefined, overageResetsAt: undefined },
    ]);
  });

  test('a run that found the window used up reports it rejected, extra usage refused too', async () => {
    expect(await reportsOf('quota-exhausted')).toEqual([
      { status: 'rejected', resetsAt: recordedQuotaReset, window: 'five_hour', utilization: undefined, overageStatus: 'rejected', overageResetsAt: undefined },
    ]);
  });

  test('an API-key run reports nothing', async () => {
    expect(await reportsOf('text-turn')).toEqual([]);
  });
});

describe('decodeRateLimit, leniently', () => {
  const line = (info: unknown): CliRecord => ({ type: 'rate_limit_event', rate_limit_info: info, uuid: 'u', session_id: 's' });

  test('a field of an unexpected type is dropped, not the line; unknown fields are ignored', () => {
    expect(decodeRateLimit(line({ status: 'allowed', resetsAt: 'soon', utilization: 0.5, rateLimitType: 'seven_day', somethingNew: 1 }))).toEqual({
      status: 'allowed',
      resetsAt: undefined,
      window: 'seven_day',
      utilization: 0.5,
      overageStatus: undefined,
      overageResetsAt: undefined,
    });
  });

  test('the CLI saying extra usage carries on counts as overage allowed', () => {
    expect(decodeRateLimit(line({ status: 'rejected', resetsAt: 1, isUsingOverage: true }))?.overageStatus).toBe('allowed');
  });

  test('a line without a status, or of another type, is no report', () => {
    expect(decodeRateLimit(line({ resetsAt: 1 }))).toBeUndefined();
    expect(decodeRateLimit(line(undefined))).toBeUndefined();
    expect(decodeRateLimit({ type: 'system', subtype: 'status' })).toBeUndefined();
  });
});
