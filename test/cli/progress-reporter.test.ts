import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createProgressReporter } from '../../src/cli/progress/progress-reporter.js';
import type { CollectionReport } from '../../src/sync/index.js';

const report: CollectionReport = {
  received: 3_000,
  inserted: 2_990,
  updated: 10,
  unchanged: 0,
  tombstoned: 0,
  deleted: 0,
  rekeyed: 0,
  quarantined: 0,
  total: 3_000,
  restarts: 0,
  deletionsSkipped: undefined,
  watermark: undefined,
  durationMs: 1_500,
  schools: undefined,
  blocked: undefined,
};

function setup(isTty: boolean, quiet = false) {
  const stderr = new PassThrough();
  let text = '';
  stderr.on('data', (chunk: Buffer) => {
    text += chunk.toString();
  });
  let now = 0;
  const reporter = createProgressReporter(
    { stdout: new PassThrough(), stderr, env: {}, isTty, cwd: '.' },
    { quiet, dryRun: false, now: () => now },
  );
  const page = (received: number) =>
    reporter.onProgress({
      type: 'page',
      runId: 'r',
      collection: 'users',
      received,
      total: 3_000,
      pages: 1,
      elapsedMs: 500,
      recordsPerSecond: 2_000,
      etaMs: 1_000,
    });
  const start = () =>
    reporter.onProgress({
      type: 'collection-started',
      runId: 'r',
      collection: 'users',
      mode: 'full',
      attempt: 0,
      since: undefined,
    });
  const finish = () =>
    reporter.onProgress({ type: 'collection-finished', runId: 'r', collection: 'users', report });
  return {
    output: () => text,
    page,
    start,
    finish,
    note: (line: string) => reporter.note(line),
    advance: (ms: number) => (now += ms),
  };
}

describe('sync progress', () => {
  it('redraws one line per collection on a terminal, with rate and ETA', () => {
    const progress = setup(true);
    progress.start();
    progress.advance(200);
    progress.page(1_000);
    progress.advance(10);
    progress.page(1_100); // too soon to redraw
    progress.advance(200);
    progress.page(2_000);
    progress.finish();
    const text = progress.output();
    expect(text).toContain('\r\u001b[2Kusers            1,000 / 3,000 (2,000/s, ETA 1.00s)');
    expect(text).not.toContain('1,100');
    expect(
      text.endsWith(
        '\r\u001b[2Kusers            3,000 records in 1.50s (2,000/s): 2,990 new, 10 updated, 0 retired\n',
      ),
    ).toBe(true);
  });

  it('writes plain lines to a log: only the finished line for a fast collection', () => {
    const progress = setup(false);
    progress.start();
    progress.advance(500);
    progress.page(1_000);
    progress.finish();
    expect(progress.output()).toBe(
      'users            3,000 records in 1.50s (2,000/s): 2,990 new, 10 updated, 0 retired\n',
    );
  });

  it('prints a retry under the collection it slowed, and draws the progress line again below it', () => {
    const progress = setup(true);
    progress.start();
    progress.advance(200);
    progress.page(1_000);
    progress.note('HTTP 503: retry 1 in 0.50s');
    progress.finish();
    expect(progress.output()).toBe(
      '\r\u001b[2Kusers            1,000 / 3,000 (2,000/s, ETA 1.00s)' +
        '\r\u001b[2Kusers            HTTP 503: retry 1 in 0.50s\n' +
        'users            1,000 / 3,000 (2,000/s, ETA 1.00s)' +
        '\r\u001b[2Kusers            3,000 records in 1.50s (2,000/s): 2,990 new, 10 updated, 0 retired\n',
    );
  });

  it('says nothing when quiet', () => {
    const progress = setup(true, true);
    progress.start();
    progress.advance(500);
    progress.page(1_000);
    progress.finish();
    expect(progress.output()).toBe('');
  });
});
