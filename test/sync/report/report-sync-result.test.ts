import { describe, expect, it } from 'vitest';
import { buildRosterReport } from '../../../src/sync/report/index.js';
import { enrollmentsOfUser } from '../../../src/testing/district/district-layout.js';
import { memoryHarness } from '../store-harness.js';
import { rejection, TENANT, useFixtures } from '../sync-helpers.js';

describe('a roster report after syncRoster', () => {
  const { fixture } = useFixtures(memoryHarness);

  it('shows what each run did from its result, and flags a run that retired too much', async () => {
    const f = fixture();
    const users = f.ids('users');
    const first = await f.sync();
    const initial = await buildRosterReport(f.store, TENANT, { syncResult: first });
    expect(initial.run).toMatchObject({ id: first.runId, status: 'succeeded', dryRun: false });
    expect(initial.changes.source).toBe('sync-result');
    expect(initial.changes.collections.users).toEqual({
      inserted: users.length,
      updated: 0,
      unchanged: 0,
      retired: 0,
      activeBefore: 0,
      updatedFraction: 0,
      retiredFraction: 0,
    });
    expect(initial.flags).toEqual([]);

    for (const id of users.slice(0, 5)) f.district.mutate.update('users', id, { givenName: 'Renamed' });
    const gone = [users.length - 1, users.length - 2, users.length - 3, users.length - 4];
    for (const index of gone) f.district.mutate.delete('users', users[index]!);
    // 4 of 30 is 13%: past the guard's 10%, accepted for this run.
    const second = await f.sync({ deletionGuard: { maxDeleteFraction: 0.2 } });
    const report = await buildRosterReport(f.store, TENANT, { syncResult: second });
    expect(report.changes.collections.users).toEqual({
      inserted: 0,
      updated: 5,
      unchanged: users.length - 5 - gone.length,
      retired: gone.length,
      activeBefore: users.length,
      updatedFraction: 5 / users.length,
      retiredFraction: gone.length / users.length,
    });
    expect(report.changes.collections.enrollments).toMatchObject({ updated: 0, retired: 0 });
    expect(report.flags).toEqual([
      {
        collection: 'users',
        kind: 'retired',
        count: gone.length,
        activeBefore: users.length,
        fraction: gone.length / users.length,
        threshold: 0.1,
      },
    ]);
    // The provider kept the enrollments of the users it dropped: they now point at retired users.
    const dangling = gone.flatMap((index) => enrollmentsOfUser(f.district.shape, index));
    expect(report.missingReferences).toContainEqual(
      expect.objectContaining({ from: 'enrollments', field: 'user', missing: 0, retired: dangling.length }),
    );
  });

  it('measures a dry run against the roster it left untouched', async () => {
    const f = fixture();
    const users = f.ids('users');
    await f.sync();
    const renamed = users.slice(0, 24);
    for (const id of renamed) f.district.mutate.update('users', id, { familyName: 'Renamed' });
    const preview = await f.sync({ dryRun: true });
    const report = await buildRosterReport(f.store, TENANT, { syncResult: preview });
    expect(report.run).toMatchObject({ id: preview.runId, dryRun: true });
    expect(report.changes.collections.users).toMatchObject({
      updated: renamed.length,
      activeBefore: users.length,
      updatedFraction: renamed.length / users.length,
    });
    expect(report.flags).toEqual([
      expect.objectContaining({
        collection: 'users',
        kind: 'updated',
        count: renamed.length,
        threshold: 0.75,
      }),
    ]);
    expect(report.totals.users.active).toBe(users.length);
  });

  it('refuses a runId that is not the sync result’s run', async () => {
    const f = fixture();
    const result = await f.sync();
    const error = await rejection(buildRosterReport(f.store, TENANT, { syncResult: result, runId: 'other' }));
    expect(error).toBeInstanceOf(TypeError);
  });
});
