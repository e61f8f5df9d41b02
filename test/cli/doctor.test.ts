import { beforeAll, describe, expect, it } from 'vitest';
import type { DoctorReport } from '../../src/cli/doctor/doctor-report.js';
import { requireBuiltCli, runCli } from './cli-process.js';
import { startMock } from './mock-env.js';

beforeAll(requireBuiltCli);

describe('oneroster doctor', () => {
  it('prints a table, advice and the client options that fit', async () => {
    const { server, env } = await startMock({
      quirks: { maxPageSize: 20, totalCount: 'omit', booleans: 'boolean' },
    });
    try {
      const result = await runCli(['doctor'], { env });
      expect(result.code).toBe(0);
      expect(result.stdout).toMatch(/^Page size\s+DEVIATES\s+at most 20 records per page/m);
      expect(result.stdout).toMatch(/^X-Total-Count\s+DEVIATES\s+not sent/m);
      expect(result.stdout).toMatch(/^Booleans\s+DEVIATES\s+JSON booleans/m);
      expect(result.stdout).toContain(
        "createOneRosterClient({ baseUrl, auth, pageSize: 20, validation: 'lenient' })",
      );
      expect(result.stdout).toContain('Command-line flags: --page-size 20');
      expect(result.stdout).not.toContain(server.clientSecret);
    } finally {
      await server.close();
    }
  });

  it.each(['oauth1', 'bearer'] as const)('probes a provider that speaks %s', async (type) => {
    const { server, env } = await startMock({ auth: { type } });
    try {
      const result = await runCli(['doctor', '--json'], { env });
      expect(result.code).toBe(0);
      const report = JSON.parse(result.stdout) as DoctorReport;
      expect(report.checks[0]).toMatchObject({ id: 'auth', status: 'ok', detected: { method: type } });
      expect(report.checks.find((entry) => entry.id === 'nested')?.status).toBe('ok');
    } finally {
      await server.close();
    }
  });

  it('notices throttling and advises a gentler pace', async () => {
    const { server, env } = await startMock({
      faults: [{ type: 'rateLimit', nth: 3, retryAfterSeconds: 1 }],
    });
    try {
      const result = await runCli(['doctor', '--json'], { env });
      const report = JSON.parse(result.stdout) as DoctorReport;
      const rate = report.checks.find((entry) => entry.id === 'rate-limit');
      expect(rate?.detected['throttled']).toBeGreaterThan(0);
      expect(rate?.detected['headers']).toContain('retry-after');
      expect(report.clientOptions).toMatchObject({ concurrency: 2 });
    } finally {
      await server.close();
    }
  });

  it('exits 3 when the credentials are refused and 4 when the provider is unreachable', async () => {
    const { server, env } = await startMock();
    try {
      const refused = await runCli(['doctor', '--client-secret', 'not-the-secret'], { env });
      expect(refused.code).toBe(3);
      expect(refused.stderr).not.toContain('not-the-secret');
    } finally {
      await server.close();
    }
    const unreachable = await runCli(['doctor', '--retries', '0'], { env });
    expect(unreachable.code).toBe(4);
    expect(unreachable.stderr).toMatch(/Cannot reach the (provider|token endpoint)/);
  });
});
