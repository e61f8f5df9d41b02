import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { MockServer } from '../../src/testing/index.js';
import { startMock } from './mock-env.js';
import { runMain } from './run-main.js';

let server: MockServer;
let env: Record<string, string>;
beforeEach(async () => {
  ({ server, env } = await startMock());
});
afterEach(() => server.close());

const CLEAR_LINE = '\r\u001b[2K';
/** A progress line: `doctor  5/21  sort=sourcedId both ways`. */
const PROGRESS = /^doctor +(\d+)\/(\d+) {2}(.+)$/;

describe('oneroster doctor shows each probe on stderr as it runs', () => {
  it('in a log: one plain line per probe, in order, and the report alone on stdout', async () => {
    const result = await runMain(['doctor', '--json'], env);
    expect(result.code).toBe(0);
    const lines = result.stderr.trimEnd().split('\n');
    const steps = lines.map((line) => PROGRESS.exec(line));
    expect(steps.every((step) => step !== null)).toBe(true);
    const total = Number(steps[0]?.[2]);
    expect(steps.map((step) => Number(step?.[1]))).toEqual(
      Array.from({ length: total }, (_, index) => index + 1),
    );
    expect(lines[0]).toMatch(/^doctor +1\/\d+ {2}authentication \(oauth2\)$/);
    expect(lines).toContainEqual(
      expect.stringMatching(/the delta filter on each collection, then other filters$/),
    );
    expect(lines).toContainEqual(
      expect.stringMatching(/the time of a page with and without sort=sourcedId$/),
    );
    expect(result.stderr).not.toContain('\r');
    expect(JSON.parse(result.stdout).checks.length).toBeGreaterThan(total);
  });

  it('on a terminal: one line redrawn for each probe, cleared before the report', async () => {
    const result = await runMain(['doctor'], env, { isTty: true });
    expect(result.code).toBe(0);
    const drawn = result.stderr.split(CLEAR_LINE).filter((part) => part !== '');
    expect(drawn.length).toBeGreaterThan(15);
    for (const line of drawn) expect(line).toMatch(PROGRESS);
    expect(result.stderr).not.toContain('\n');
    expect(result.stderr.endsWith(CLEAR_LINE)).toBe(true);
    expect(result.stdout).toMatch(/^oneroster doctor: http:\/\/127\.0\.0\.1:\d+\/ims\/oneroster\/v1p1\n/);
  });

  it('shows a retry as it happens, and nothing with --quiet', async () => {
    server.provider.addFault({ type: 'serverError', path: '/courses' });
    const result = await runMain(['doctor', '--json'], env);
    expect(result.stderr).toMatch(/^doctor {2}HTTP 503: retry 1 in [\d.]+s$/m);
    const quiet = await runMain(['doctor', '--json', '--quiet'], env);
    expect(quiet.code).toBe(0);
    expect(quiet.stderr).toBe('');
  });

  it('--debug traces the client’s events, and the progress lines stay plain on a terminal', async () => {
    const result = await runMain(['doctor', '--debug'], env, { isTty: true });
    expect(result.code).toBe(0);
    const lines = result.stderr.split('\n');
    expect(lines).toContainEqual(
      expect.stringMatching(/^debug \+\d+ ms token obtained \(initial\) in \d+ ms/),
    );
    expect(lines).toContainEqual(
      expect.stringMatching(
        /^debug \+\d+ ms -> GET http:\/\/127\.0\.0\.1:\d+\/ims\/oneroster\/v1p1\/orgs\?limit=1 /,
      ),
    );
    expect(lines).toContainEqual(
      expect.stringMatching(/^debug \+\d+ ms <- 404 GET .+\/users\/oneroster-doctor-no-such-id/),
    );
    expect(lines).toContainEqual(expect.stringMatching(/^doctor +1\/\d+ {2}authentication \(oauth2\)$/));
    expect(result.stderr).not.toContain('\r');
    expect(result.stderr).not.toContain(server.clientSecret);
  });
});

describe('oneroster doctor usage mistakes: exit code 2, one line, no request sent', () => {
  it.each([
    [['--bogus'], 'oneroster doctor: unknown option --bogus (see oneroster doctor --help)'],
    [['--probe-limt', '5'], 'unknown option --probe-limt (did you mean --probe-limit?)'],
    [['--oneroster-version', '1.3'], '--oneroster-version must be 1.1 or 1.2, not 1.3'],
    [['--validation', 'loose'], '--validation must be lenient or strict, not loose'],
    [['--probe-limit', '1'], '--probe-limit must be a whole number above 1, not 1'],
    [['--probe-limit'], '--probe-limit needs a value'],
    [['--json=yes'], '--json takes no value'],
    [['users'], 'doctor takes no arguments: users'],
  ])('doctor %j', async (args, message) => {
    const result = await runMain(['doctor', ...args], env);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/^oneroster doctor: [^\n]+ \(see oneroster doctor --help\)\n$/);
    expect(result.stderr).toContain(message);
    expect(server.stats.requests + server.stats.tokenRequests).toBe(0);
  });

  it('ONEROSTER_VERSION is checked like the flag, and named in the message', async () => {
    const result = await runMain(['doctor'], { ...env, ONEROSTER_VERSION: 'v1p2' });
    expect(result.code).toBe(2);
    expect(result.stderr).toBe(
      'oneroster doctor: ONEROSTER_VERSION must be 1.1 or 1.2, not v1p2 (see oneroster doctor --help)\n',
    );
  });
});
