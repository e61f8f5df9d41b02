import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createPullProgress } from '../../src/cli/progress/pull-progress.js';
import { createRequestActivity } from '../../src/cli/progress/request-activity.js';

function setup(options: { isTty: boolean; stdoutIsTty?: boolean; quiet?: boolean }) {
  const stderr = new PassThrough();
  let text = '';
  stderr.on('data', (chunk: Buffer) => {
    text += chunk.toString();
  });
  let now = 0;
  const progress = createPullProgress(
    {
      stdout: new PassThrough(),
      stderr,
      env: {},
      isTty: options.isTty,
      ...(options.stdoutIsTty === undefined ? {} : { stdoutIsTty: options.stdoutIsTty }),
      cwd: '.',
    },
    { collection: 'users', quiet: options.quiet ?? false, now: () => now },
  );
  const activity = createRequestActivity({ onNote: progress.note, now: () => now });
  return { progress, activity, output: () => text, advance: (ms: number) => (now += ms) };
}

describe('pull progress', () => {
  it('redraws records so far, total, rate and ETA on a terminal, then a final line', () => {
    const { progress, activity, output, advance } = setup({ isTty: true });
    advance(1_000);
    progress.page(2_000, 10_000);
    progress.done(10_000, activity.counts);
    expect(output()).toBe(
      '\r\u001b[2Kusers            2,000 / 10,000 (2,000/s, ETA 4.00s)' +
        '\r\u001b[2Kusers            10,000 records in 1.00s (10,000/s)\n',
    );
  });

  it('writes plain lines to a log: one every 10 s and the final one', () => {
    const { progress, activity, output, advance } = setup({ isTty: false });
    advance(2_000);
    progress.page(1_000, undefined); // a fast pull prints only its final line
    advance(9_000);
    progress.page(5_000, undefined);
    progress.done(6_000, activity.counts);
    expect(output()).toBe(
      'users            5,000 (455/s)\nusers            6,000 records in 11.0s (545/s)\n',
    );
  });

  it('prints plain lines when the records go to the same terminal', () => {
    const { progress, activity, output, advance } = setup({ isTty: true, stdoutIsTty: true });
    advance(500);
    progress.page(1_000, undefined);
    progress.done(1, activity.counts);
    expect(output()).toBe('users            1 record in 0.50s (2/s)\n');
  });

  it('shows a retry and a throttle as they happen, and counts them in the final line', () => {
    const { progress, activity, output, advance } = setup({ isTty: true });
    advance(200);
    progress.page(1_000, undefined);
    activity.onEvent({
      type: 'rate-limited',
      requestId: 2,
      url: 'u',
      retryAfterMs: 5_000,
      requestsPerSecond: 2,
    });
    activity.onEvent({
      type: 'retry',
      requestId: 2,
      attempt: 1,
      method: 'GET',
      url: 'u',
      delayMs: 5_000,
      reason: '429',
    });
    advance(5_000);
    activity.onEvent({
      type: 'retry',
      requestId: 3,
      attempt: 1,
      method: 'GET',
      url: 'u',
      delayMs: 1_500,
      reason: '503',
    });
    progress.done(2_000, activity.counts);
    expect(output()).toBe(
      '\r\u001b[2Kusers            1,000 (5,000/s)' +
        '\r\u001b[2Kusers            throttled by the provider (HTTP 429), pausing 5.00s; now at most 2 requests/s\n' +
        'users            1,000 (5,000/s)' +
        '\r\u001b[2Kusers            HTTP 503: retry 1 in 1.50s\n' +
        'users            1,000 (5,000/s)' +
        '\r\u001b[2Kusers            2,000 records in 5.20s (385/s); 2 retries (HTTP 429 ×1, HTTP 503 ×1), throttled 1 time (HTTP 429)\n',
    );
  });

  it('shows one retry line a second when many requests fail at once', () => {
    const { activity, output, advance } = setup({ isTty: false });
    const retry = (requestId: number) =>
      activity.onEvent({
        type: 'retry',
        requestId,
        attempt: 1,
        method: 'GET',
        url: 'u',
        delayMs: 800,
        reason: '503',
      });
    retry(1);
    retry(2);
    retry(3);
    advance(1_000);
    retry(4);
    expect(output().match(/retry 1 in/g)).toHaveLength(2);
    expect(activity.counts.retries).toBe(4);
  });

  it('says nothing when quiet', () => {
    const { progress, activity, output, advance } = setup({ isTty: true, quiet: true });
    advance(500);
    progress.page(1_000, 2_000);
    progress.note('HTTP 503: retry 1 in 1.00s');
    progress.done(2_000, activity.counts);
    expect(output()).toBe('');
  });
});
