import { beforeAll, describe, expect, it } from 'vitest';
import type { DoctorReport } from '../../src/cli/doctor/doctor-report.js';
import type { MockQuirks, MockServer } from '../../src/testing/index.js';
import { requireBuiltCli, runCli } from './cli-process.js';
import { startMock } from './mock-env.js';

beforeAll(requireBuiltCli);

/** Runs `oneroster doctor --json` as a user would, against a tiny mock with these quirks. */
async function doctor(quirks: MockQuirks, prepare?: (server: MockServer) => void) {
  const { server, env } = await startMock({ quirks });
  prepare?.(server);
  // Each test owns its server: the tests run concurrently.
  const result = await runCli(['doctor', '--json'], { env }).finally(() => server.close());
  // stderr holds the progress lines, one per probe, and nothing else: no warning, no error.
  expect(
    result.stderr.split('\n').filter((line) => line !== '' && !/^doctor +\d+\/\d+ {2}/.test(line)),
  ).toEqual([]);
  expect(result.code).toBe(0);
  const report = JSON.parse(result.stdout) as DoctorReport;
  const find = (id: string) => {
    const found = report.checks.find((entry) => entry.id === id);
    if (found === undefined) throw new Error(`no check ${id}`);
    return found;
  };
  return { report, find };
}

describe.concurrent('oneroster doctor detects each quirk of the mock provider', () => {
  it('reports a spec-faithful provider without deviations', async () => {
    const { report } = await doctor({});
    const deviations = report.checks.filter((entry) => !['ok', 'info', 'unknown'].includes(entry.status));
    expect(deviations).toEqual([]);
    expect(report.clientOptions).toEqual({});
  });

  it('maxPageSize: finds the page-size cap and advises it as pageSize', async () => {
    const { report, find } = await doctor({ maxPageSize: 25 });
    expect(find('page-size')).toMatchObject({ status: 'deviation', detected: { cap: 25 } });
    expect(report.clientOptions).toMatchObject({ pageSize: 25 });
    expect(report.cliFlags).toContain('--page-size 25');
  });

  it('rejectLimitAbove: finds the largest limit served', async () => {
    const { report, find } = await doctor({ rejectLimitAbove: 700 });
    expect(find('limit-rejected')).toMatchObject({
      status: 'deviation',
      detected: { status: 413, maxAccepted: 700 },
    });
    expect(report.clientOptions).toMatchObject({ pageSize: 700 });
  });

  it.each([
    ['omit', 'omit'],
    ['negative', 'negative'],
    ['random', 'unstable'],
  ] as const)('totalCount %s', async (totalCount, kind) => {
    const { find } = await doctor({ totalCount });
    expect(find('total-count')).toMatchObject({ status: 'deviation', detected: { kind } });
  });

  it('link omit: no Link header', async () => {
    const { find } = await doctor({ link: 'omit' });
    expect(find('link')).toMatchObject({
      status: 'deviation',
      detected: { present: false, issues: ['omit'] },
    });
  });

  it.each(['noAngleBrackets', 'trailingComma', 'relative', 'nextDropsQuery'] as const)(
    'link %s',
    async (link) => {
      const { find } = await doctor({ link });
      expect(find('link')).toMatchObject({
        status: 'deviation',
        detected: { present: true, issues: [link] },
      });
    },
  );

  it.each([
    ['boolean', ['boolean']],
    ['upperCase', ['upperCase']],
    ['string', ['string']],
  ] as const)('booleans %s', async (booleans, encodings) => {
    const { find } = await doctor({ booleans });
    expect(find('booleans').detected).toEqual({ encodings });
  });

  it.each([
    ['imsx', 'ok'],
    ['statusInfoSet', 'deviation'],
    ['flat', 'deviation'],
    ['noCodeMinor', 'deviation'],
  ] as const)('errorShape %s', async (errorShape, status) => {
    const { find } = await doctor({ errorShape });
    expect(find('error-shape')).toMatchObject({ status, detected: { shape: errorShape, status: 404 } });
  });

  it('nullOptionalFields: optional fields sent as null', async () => {
    const { find } = await doctor({ nullOptionalFields: true });
    expect(find('nulls').status).toBe('deviation');
    expect(find('nulls').detected['fields']).toContain('orgs.metadata');
  });

  it('usersAsV1p2: users shaped like 1.2', async () => {
    const { report, find } = await doctor({ usersAsV1p2: true });
    expect(find('user-shape')).toMatchObject({ status: 'deviation', detected: { shape: 'v1p2' } });
    // Filters are probed on fields both versions have, so 1.2-shaped users change nothing there.
    expect(find('filter').detected).toMatchObject({ honoured: true });
    expect(report.clientOptions).toMatchObject({ validation: 'lenient' });
  });

  it('schoolEnvelope: GET /orgs/{id} answered as {"school": ...}', async () => {
    const { find } = await doctor({ schoolEnvelope: true });
    expect(find('school-envelope')).toMatchObject({ status: 'deviation', detected: { key: 'school' } });
  });

  it('bareArray: lists without their envelope, every other probe still reads them', async () => {
    const { find } = await doctor({ bareArray: true });
    expect(find('envelope')).toMatchObject({ status: 'deviation', detected: { bareArray: true } });
    expect(find('sort').status).toBe('ok');
    expect(find('nested').status).toBe('ok');
  });

  it('hideTombstones: says it cannot tell, where a provider that marks deletions shows them', async () => {
    const tombstone = (server: MockServer) => {
      server.provider.district.mutate.tombstone('enrollments', 'enr-0000000003');
    };
    const hidden = await doctor({ hideTombstones: true }, tombstone);
    expect(hidden.find('tombstones')).toMatchObject({ status: 'unknown', detected: { seen: false } });
    expect(hidden.report.advice.join(' ')).toContain('full sync');
    const marked = await doctor({}, tombstone);
    expect(marked.find('tombstones')).toMatchObject({ status: 'ok', detected: { seen: true } });
  });

  it('driftInsertsPerPage: records move between requests', async () => {
    const { find } = await doctor({ driftInsertsPerPage: 2 });
    expect(find('stability')).toMatchObject({ status: 'deviation', detected: { stable: false } });
  });

  it('permRevHeader: ClassLink x-perm-rev', async () => {
    const { find } = await doctor({ permRevHeader: true });
    expect(find('perm-rev')).toMatchObject({ status: 'ok', detected: { present: true } });
    const plain = await doctor({});
    expect(plain.find('perm-rev').detected).toMatchObject({ present: false });
  });
});
