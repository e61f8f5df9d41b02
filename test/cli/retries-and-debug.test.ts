import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { MockFault, MockServer } from '../../src/testing/index.js';
import { startMock } from './mock-env.js';
import { runMain } from './run-main.js';

/** A 429 on the first classes page (no wait asked) and a 503 on the first users page. */
const FAULTS: MockFault[] = [
  { type: 'rateLimit', path: '/classes', retryAfterSeconds: 0 },
  { type: 'serverError', path: '/users' },
];

let server: MockServer;
let env: Record<string, string>;
let dir: string;
beforeEach(async () => {
  ({ server, env } = await startMock({ faults: FAULTS }));
  dir = mkdtempSync(join(tmpdir(), 'oneroster-cli-retries-'));
});
afterEach(async () => {
  await server.close();
  rmSync(dir, { recursive: true, force: true });
});

const sync = (...args: string[]) =>
  runMain(['sync', '--store', `sqlite:${join(dir, 'roster.db')}`, ...args], env);

describe('retries and throttling in progress and summaries', () => {
  it('sync shows each as it happens, under its collection, and counts them in the summary', async () => {
    const result = await sync();
    expect(result.code).toBe(0);
    expect(result.stderr).toMatch(/^classes\s+throttled by the provider \(HTTP 429\), pausing 0\.00s$/m);
    expect(result.stderr).toMatch(/^users\s+HTTP 503: retry 1 in [\d.]+s$/m);
    expect(result.stdout).toMatch(
      /records in [^\n]+; 2 retries \(HTTP (429|503) ×1, HTTP (429|503) ×1\), throttled 1 time \(HTTP 429\)\n/,
    );
  });

  it('sync --json counts them too', async () => {
    const result = await sync('--json');
    expect(JSON.parse(result.stdout).requests).toMatchObject({ retries: 2, throttled: 1 });
  });

  it('pull shows them and counts them in its final line', async () => {
    const result = await runMain(['pull', 'users'], env);
    expect(result.code).toBe(0);
    expect(result.stderr).toMatch(/^users\s+HTTP 503: retry 1 in [\d.]+s$/m);
    expect(result.stderr).toMatch(/^users\s+30 records in [^\n]+; 1 retry \(HTTP 503 ×1\)$/m);
  });
});

describe('--debug', () => {
  it('traces each request, retry, throttle and token refresh on stderr, redacted', async () => {
    const filter = "title='Okafor-Lindqvist Algebra'";
    const result = await runMain(['pull', 'classes', '--debug', '--filter', filter], env);
    expect(result.code).toBe(0);
    const trace = result.stderr.split('\n').filter((line) => line.startsWith('debug +'));
    expect(trace.some((line) => /token obtained \(initial\) in \d+ ms/.test(line))).toBe(true);
    expect(
      trace.some((line) => /-> GET http:\/\/127\.0\.0\.1:\d+\/\S+\/classes\?limit=1000/.test(line)),
    ).toBe(true);
    expect(trace.some((line) => / <- 429 GET .+\/classes\?/.test(line))).toBe(true);
    expect(trace.some((line) => /throttled \(HTTP 429\) on request 1: Retry-After 0 ms/.test(line))).toBe(
      true,
    );
    expect(
      trace.some((line) => /retry of request 1 in \d+ ms after 429 \(attempt 1 failed\)/.test(line)),
    ).toBe(true);
    expect(trace.some((line) => / <- 200 GET .+\/classes\?/.test(line))).toBe(true);
    for (const secret of [server.clientSecret, 'Okafor-Lindqvist', 'Okafor']) {
      expect(result.stderr).not.toContain(secret);
    }
  });

  it('is on with ONEROSTER_DEBUG=1, and off without it', async () => {
    const traced = await runMain(['pull', 'orgs'], { ...env, ONEROSTER_DEBUG: '1' });
    expect(traced.stderr).toMatch(/^debug \+\d+ ms -> GET /m);
    const plain = await runMain(['pull', 'orgs'], env);
    expect(plain.stderr).not.toContain('debug');
  });
});
