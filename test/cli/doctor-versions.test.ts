import { describe, expect, it } from 'vitest';
import type { DoctorReport } from '../../src/cli/doctor/doctor-report.js';
import { generateDistrict, type MockServerOptions } from '../../src/testing/index.js';
import { startMock } from './mock-env.js';
import { runMain } from './run-main.js';

/** `oneroster doctor --json ...args` against a mock with these options; the mock is closed after. */
async function doctor(
  options: MockServerOptions,
  args: string[] = [],
  extraEnv: Record<string, string> = {},
) {
  const { server, env } = await startMock(options);
  const result = await runMain(['doctor', '--json', '--quiet', ...args], { ...env, ...extraEnv }).finally(
    () => server.close(),
  );
  expect(result.stderr).toBe('');
  expect(result.code).toBe(0);
  const report = JSON.parse(result.stdout) as DoctorReport;
  const find = (id: string) => {
    const found = report.checks.find((entry) => entry.id === id);
    if (found === undefined) throw new Error(`no check ${id}`);
    return found;
  };
  return { report, find, advice: report.advice.join('\n') };
}

/** Ed-Fi's server over a district large enough to show its 500-record pages. */
const EDFI: MockServerOptions = { profile: 'edfi', district: generateDistrict({ preset: 'small' }) };

describe.concurrent("oneroster doctor on Ed-Fi's OneRoster 1.2 server (mock profile edfi)", () => {
  it.each(['lenient', 'strict'] as const)(
    'with --validation %s: the version, filters judged from several probes, the 1.2 user shape, the minimal preset as sent, singular envelopes, the cost of sorting',
    async (validation) => {
      const { report, find, advice } = await doctor(EDFI, ['--validation', validation]);
      expect(find('version')).toMatchObject({
        status: 'ok',
        detected: { version: '1.2', byPath: '1.2', byShape: '1.2', configured: null },
      });
      // Ed-Fi refuses role='teacher' on 1.2 users; the filters probed are fields both versions have.
      expect(find('delta-filter')).toMatchObject({
        status: 'ok',
        detected: {
          honoured: true,
          collections: {
            orgs: 'honoured',
            academicSessions: 'honoured',
            courses: 'honoured',
            classes: 'honoured',
            users: 'honoured',
            enrollments: 'honoured',
          },
        },
      });
      expect(find('filter')).toMatchObject({ status: 'ok', detected: { honoured: true } });
      expect(find('user-shape')).toMatchObject({ status: 'ok', detected: { shape: 'v1p2' } });
      expect(find('minimal')).toMatchObject({
        status: 'ok',
        detected: { version: '1.2', refused: {}, clientVersion: '1.1', clientRefused: { users: 'HTTP 400' } },
      });
      expect(find('unknown-field').detected).toMatchObject({ answer: 'refused', status: 400 });
      expect(find('single-envelope')).toMatchObject({
        status: 'deviation',
        detected: { unexpected: ['demographics'], keys: { demographics: 'demographic', users: 'user' } },
      });
      expect(find('page-size').detected).toMatchObject({ cap: 500 });
      expect(find('nested').status).toBe('unsupported');
      const cost = find('sort-cost');
      expect(cost.status).toBe('info');
      expect(cost.detected).toEqual({
        unsortedMs: expect.any(Number),
        sortedMs: expect.any(Number),
        ratio: expect.any(Number),
        slow: expect.any(Boolean),
        // The mock serves its views in sourcedId order when asked for none.
        ownOrderAscending: true,
      });

      expect(report.cliFlags).toContain('--oneroster-version 1.2');
      expect(report.cliFlags).toContain('--page-size 500');
      expect(report.cliFlags).not.toContain('--mode full');
      expect(report.clientOptions).toMatchObject({ version: '1.2', pageSize: 500 });
      expect(advice).not.toMatch(/full syncs/);
      expect(advice).toContain('The provider serves OneRoster 1.2: pass --oneroster-version 1.2');
      expect(advice).toContain(
        'its minimal preset asks users for role and orgs, which this provider refuses',
      );
      expect(advice).toContain('The minimal preset of 1.2 was asked as the client sends it and accepted');
      // Filters work on Ed-Fi: reading a parent's records by filter is the way around its missing nested paths.
      expect(advice).toContain('read the top-level collections with a filter instead');

      // The doctor reads with a client of the version the base URL names, as `sync --oneroster-version
      // 1.2` would: strict validation accepts every 1.2 user (issue #13: it rejected them all as 1.1).
      expect(find('validation')).toMatchObject({
        status: 'ok',
        detected: { mode: validation, clientVersion: '1.2', rejected: {} },
      });
    },
  );

  it.each([
    ['the flag', ['--oneroster-version', '1.2'], {}],
    ['ONEROSTER_VERSION', [], { ONEROSTER_VERSION: '1.2' }],
  ] as const)('gives no version advice once %s says 1.2', async (_, args, env) => {
    const { report, find } = await doctor(EDFI, [...args], env);
    expect(find('version').detected).toMatchObject({ version: '1.2', configured: '1.2' });
    // The client now asks for the 1.2 preset: nothing else to try.
    expect(find('minimal').detected).toMatchObject({ clientVersion: '1.2', clientRefused: {} });
    expect(report.cliFlags.filter((flag) => flag.startsWith('--oneroster-version'))).toEqual([]);
    expect(report.clientOptions).not.toHaveProperty('version');
  });
});

describe.concurrent('oneroster doctor on a plain OneRoster 1.2 provider and on a 1.1 one', () => {
  it('1.2: detected by path and users, probed with 1.2 fields, --oneroster-version 1.2 advised', async () => {
    const { report, find, advice } = await doctor({ version: '1.2' });
    expect(find('version')).toMatchObject({ status: 'ok', detected: { version: '1.2', configured: null } });
    expect(find('user-shape')).toMatchObject({ status: 'ok', detected: { shape: 'v1p2' } });
    expect(find('delta-filter').detected).toMatchObject({ honoured: true });
    expect(find('filter').detected).toMatchObject({ honoured: true });
    expect(find('minimal')).toMatchObject({ status: 'ok', detected: { version: '1.2', refused: {} } });
    expect(find('single-envelope')).toMatchObject({ status: 'ok', detected: { unexpected: [] } });
    expect(find('nested').status).toBe('ok');
    expect(find('validation').status).toBe('ok');
    expect(report.cliFlags).toEqual(['--oneroster-version 1.2']);
    expect(report.clientOptions).toEqual({ version: '1.2' });
    expect(advice).toContain('reads 1.2 users only in lenient validation');
  });

  it('1.1: the version said, nothing about versions advised, the 1.1 preset tested', async () => {
    const { report, find } = await doctor({});
    expect(find('version')).toMatchObject({
      status: 'ok',
      detected: { version: '1.1', byPath: '1.1', byShape: '1.1', configured: null },
    });
    expect(find('user-shape')).toMatchObject({ status: 'ok', detected: { shape: 'v1p1' } });
    expect(find('minimal')).toMatchObject({ status: 'ok', detected: { version: '1.1', clientRefused: {} } });
    expect(find('single-envelope')).toMatchObject({ status: 'ok', detected: { unexpected: [] } });
    expect(find('sort-cost').status).toBe('info');
    expect(report.cliFlags).toEqual([]);
    expect(report.clientOptions).toEqual({});
  });

  it('1.1 told it is 1.2: advises --oneroster-version 1.1', async () => {
    const { report, find } = await doctor({}, ['--oneroster-version', '1.2']);
    expect(find('version').detected).toMatchObject({ version: '1.1', configured: '1.2' });
    expect(report.cliFlags).toEqual(['--oneroster-version 1.1']);
    expect(report.advice[0]).toContain(
      'The provider serves OneRoster 1.1, not 1.2: pass --oneroster-version 1.1',
    );
  });

  it('a 1.1 service whose users are shaped like 1.2 stays 1.1, read leniently', async () => {
    const { report, find } = await doctor({ quirks: { usersAsV1p2: true } });
    expect(find('version')).toMatchObject({
      status: 'deviation',
      detected: { version: '1.1', byShape: '1.2' },
    });
    expect(report.cliFlags.some((flag) => flag.startsWith('--oneroster-version'))).toBe(false);
    expect(report.clientOptions).toEqual({ validation: 'lenient' });
  });
});
