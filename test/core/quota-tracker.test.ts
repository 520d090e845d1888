import { createQuotaTracker, type QuotaState } from '../../src/core/quota-tracker.js';

const resetsAt = 1_800_000_000;
const state = (fields: Partial<QuotaState>): QuotaState => ({
  status: 'rejected',
  resetsAt,
  window: 'five_hour',
  utilization: undefined,
  overageStatus: 'rejected',
  overageResetsAt: undefined,
  ...fields,
});

describe('the quota tracker', () => {
  let now = 0;
  const tracker = () => createQuotaTracker(() => now);
  beforeEach(() => (now = (resetsAt - 90.5) * 1000));

  test('nothing is known, and nothing refused, before a report', () => {
    const quota = tracker();
    expect(quota.current()).toBeUndefined();
    expect(quota.refusal()).toBeUndefined();
  });

  test('a used-up window refuses with the whole seconds left until its reset, rounded up', () => {
    const quota = tracker();
    quota.note(state({}));
    const refusal = quota.refusal('why');
    expect(refusal).toMatchObject({ code: 'quota_exhausted', status: 429, retryAfterSeconds: 91, cause: 'why' });
    expect(refusal?.message).toBe("The Claude subscription's five-hour usage limit is reached; it resets at 2027-01-15T08:00:00.000Z. Retry after 91 s.");
  });

  test('once the reset has passed, the state is no longer known and nothing is refused', () => {
    const quota = tracker();
    quota.note(state({}));
    now = resetsAt * 1000;
    expect(quota.current()).toBeUndefined();
    expect(quota.refusal()).toBeUndefined();
  });

  test('extra usage that is allowed lets requests go on; one that resets sooner sets the wait', () => {
    const quota = tracker();
    quota.note(state({ overageStatus: 'allowed' }));
    expect(quota.refusal()).toBeUndefined();
    quota.note(state({ overageResetsAt: resetsAt - 60 }));
    expect(quota.refusal()?.retryAfterSeconds).toBe(31);
    now = (resetsAt - 60) * 1000; // the extra usage resets before the window: a run may go and learn the new state
    expect(quota.refusal()).toBeUndefined();
  });

  test('a warning, or a rejection without a reset time, is reported but refuses nothing; the latest report wins', () => {
    const quota = tracker();
    quota.note(state({ resetsAt: undefined }));
    expect(quota.refusal()).toBeUndefined();
    quota.note(state({ status: 'allowed_warning', utilization: 0.9 }));
    expect(quota.current()).toMatchObject({ status: 'allowed_warning', utilization: 0.9 });
    expect(quota.refusal()).toBeUndefined();
  });
});
