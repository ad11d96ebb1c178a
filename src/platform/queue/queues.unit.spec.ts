import { JOB_ATTEMPTS, retryDelay } from './queues';

describe('job retries', () => {
  it('double from the base delay and stop growing at the maximum', () => {
    expect([1, 2, 3, 4].map((attempt) => retryDelay(attempt, 1000, 120_000))).toEqual([1000, 2000, 4000, 8000]);
    expect(retryDelay(8, 1000, 120_000)).toBe(120_000);
    expect(retryDelay(500, 1000, 120_000)).toBe(120_000);
  });

  it('span several minutes with the defaults, so an outage of a few minutes does not fail a job', () => {
    const waited = Array.from({ length: JOB_ATTEMPTS - 1 }, (_, index) => retryDelay(index + 1, 1000, 120_000)).reduce((a, b) => a + b, 0);
    expect(waited).toBeGreaterThan(5 * 60_000);
  });
});
