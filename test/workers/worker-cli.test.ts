import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  createConnectionRegistry,
  localKeyProvider,
  requestSync,
  type WorkerEvent,
} from '../../src/registry/index.js';
import { createSqliteConnectionStorage, createSqliteStore } from '../../src/sqlite/index.js';
import { generateDistrict, type MockServer, startMockServer } from '../../src/testing/index.js';
import { requireBuiltCli, runCli } from '../cli/cli-process.js';
import { newKey } from '../registry/backends.js';

let dir: string;
let server: MockServer;
beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'oneroster-worker-cli-'));
  server = await startMockServer({
    district: generateDistrict({ preset: 'tiny' }),
    auth: { type: 'bearer' },
  });
});
afterEach(async () => {
  await server.close();
  rmSync(dir, { recursive: true, force: true });
});

/**
 * A SQLite file with a registry of connections to the mock provider, the first one's run requested;
 * closed again, for the CLI to open. Returns the path and the CLI's environment with the keys.
 */
async function registryFile(tenants: readonly string[], reason: string) {
  const path = join(dir, 'roster.db');
  const k1 = newKey();
  const store = createSqliteStore({ path });
  const storage = createSqliteConnectionStorage({ path });
  const registry = createConnectionRegistry({
    store,
    storage,
    keys: localKeyProvider({ keys: { k1 }, current: 'k1' }),
  });
  for (const tenant of tenants) {
    await registry.addConnection({
      tenant,
      baseUrl: server.baseUrl,
      auth: { type: 'bearer', token: server.bearerToken ?? '' },
    });
  }
  // The schedule's first slot is tonight: only the requested run is due now.
  await requestSync(registry, tenants[0] ?? '', { reason });
  await storage.close();
  await store.close();
  return { path, env: { env: { ONEROSTER_KEYS: JSON.stringify({ current: 'k1', keys: { k1 } }) } } };
}

describe('oneroster worker', () => {
  it('--once runs the requested and due slots of a SQLite store, then connections list shows their outcome', async () => {
    requireBuiltCli();
    const { path, env } = await registryFile(['d1', 'd2'], 'first sync');

    const worker = await runCli(
      ['worker', '--store', `sqlite:${path}`, '--once', '--review', 'never', '--json', '--worker-id', 'w1'],
      env,
    );
    expect(worker.stderr).toBe('');
    expect(worker.code).toBe(0);
    const events = worker.stdout
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as WorkerEvent);
    expect(events.map((e) => `${e.type} ${e.tenant} ${e.worker}`)).toEqual([
      'run-started d1 w1',
      'run-finished d1 w1',
    ]);
    expect(events[0]).toMatchObject({ source: 'request', mode: 'auto' });
    expect(worker.stdout).not.toContain(server.bearerToken ?? 'no token');

    const list = await runCli(['connections', 'list', '--store', `sqlite:${path}`], env);
    expect(list.code).toBe(0);
    const [header, first, second] = list.stdout.trim().split('\n');
    expect(header).toMatch(/TENANT +STATUS +HOST +NEXT SLOT +LAST OUTCOME/);
    expect(first).toMatch(
      /^d1 +active .* \d{4}-\d\d-\d\dT02:00Z auto +succeeded \d{4}-\d\d-\d\dT\d\d:\d\dZ$/,
    );
    expect(second).toMatch(/^d2 +active .* \d{4}-\d\d-\d\dT02:00Z auto +-$/);
  });

  it("holds a connection's first run for review by default (exit code 8), commits it once approved, and the next pass makes the connection active", async () => {
    requireBuiltCli();
    const { path, env } = await registryFile(['d1'], 'go-live');

    const worker = await runCli(['worker', '--store', `sqlite:${path}`, '--once', '--json'], env);
    expect(worker.code).toBe(8);
    const events = worker.stdout
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line));
    expect(events.map((event) => event.type)).toEqual(['run-started', 'run-held']);
    expect(events[1]).toMatchObject({ tenant: 'd1', reason: 'review' });
    const list = await runCli(['connections', 'list', '--store', `sqlite:${path}`], env);
    expect(list.stdout).toMatch(/\nd1 +awaiting-review /);

    const review = await runCli(['review', '--tenant', 'd1', '--store', `sqlite:${path}`], env);
    expect(review.code).toBe(0);
    const runId = /^Run (\S+) of tenant "d1" awaits review/m.exec(review.stdout)?.[1] ?? '';
    expect(runId).not.toBe('');
    const approved = await runCli(
      ['approve', '--tenant', 'd1', '--run', runId, '--store', `sqlite:${path}`],
      env,
    );
    expect(approved.code).toBe(0);
    const reopened = createSqliteStore({ path });
    try {
      expect((await reopened.lastFullSync('d1'))?.id).toBe(runId);
      expect(await reopened.count('d1', 'users')).toBeGreaterThan(0);
    } finally {
      await reopened.close();
    }

    // The next worker pass sees the approval: the connection is active again, no resume needed.
    const next = await runCli(['worker', '--store', `sqlite:${path}`, '--once', '--json'], env);
    expect(next.code).toBe(0);
    expect(
      next.stdout
        .trim()
        .split('\n')
        .map((line) => JSON.parse(line)),
    ).toEqual([expect.objectContaining({ type: 'run-reviewed', tenant: 'd1', runId, review: 'approved' })]);
    const after = await runCli(['connections', 'list', '--store', `sqlite:${path}`], env);
    expect(after.stdout).toMatch(/\nd1 +active /);
  });

  it('refuses --concurrency for a SQLite store, and needs the keys', async () => {
    requireBuiltCli();
    const store = `sqlite:${join(dir, 'roster.db')}`;
    const keys = { env: { ONEROSTER_KEYS: JSON.stringify({ current: 'k1', keys: { k1: newKey() } }) } };
    const concurrency = await runCli(['worker', '--store', store, '--once', '--concurrency', '2'], keys);
    expect(concurrency).toMatchObject({ code: 2 });
    expect(concurrency.stderr).toContain('--concurrency applies to postgres:// stores');
    const noKeys = await runCli(['worker', '--store', store, '--once']);
    expect(noKeys.code).toBe(2);
    expect(noKeys.stderr).toContain('ONEROSTER_KEYS');
  });
});
