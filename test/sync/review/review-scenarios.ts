import { describe, expect, it } from 'vitest';
import {
  approveRun,
  type ChangeRecord,
  changes,
  heldRun,
  isNotAwaitingReviewError,
  isSyncInProgressError,
  rejectRun,
} from '../../../src/sync/index.js';
import { formatId } from '../../../src/testing/district/ids.js';
import { guidRef } from '../../../src/testing/district/records.js';
import { DISTRICT, expectedSchools, LOADED } from '../report/report-fixtures.js';
import type { StoreHarnessFactory } from '../store-harness.js';
import { dump, rejection, TENANT, useFixtures } from '../sync-helpers.js';

const bySourcedId = <T extends { sourcedId: string }>(list: readonly T[]) =>
  [...list].sort((left, right) => left.sourcedId.localeCompare(right.sourcedId));

/** Review before go-live over one kind of store: hold, report, approve from another handle, delta. */
export function reviewScenarios(factory: StoreHarnessFactory): void {
  const { fixture } = useFixtures(factory);

  describe('review before go-live', () => {
    it('holds the first full sync for review, reports it, approves it from another handle, then syncs a delta', async () => {
      const f = fixture(DISTRICT);
      const { district } = f;
      const held = await f.sync({ review: 'always' });
      expect(held.status).toBe('awaiting-review');
      expect(held.collections.users).toMatchObject({ inserted: district.count('users'), updated: 0 });
      for (const collection of LOADED) expect(await f.store.count(TENANT, collection)).toBe(0);

      // The report reads what the run staged: the roster as approving it would leave it.
      const report = held.report;
      expect(report?.source).toBe('held-run');
      expect(report?.run).toMatchObject({ id: held.runId, status: 'awaiting-review' });
      expect(bySourcedId(report?.schools ?? [])).toEqual(expectedSchools(district));
      for (const collection of LOADED)
        expect(report?.totals[collection]).toEqual({ active: district.count(collection), tobedeleted: 0 });
      expect(report?.roles).toEqual({ student: district.shape.students, teacher: district.shape.teachers });
      expect(report?.changes.source).toBe('held-run');
      expect(report?.changes.collections.users).toMatchObject({
        inserted: district.count('users'),
        activeBefore: 0,
      });

      // The held run holds the tenant: another sync is refused, naming it.
      const refused = await rejection(f.sync());
      expect(isSyncInProgressError(refused) && refused.runId).toBe(held.runId);
      expect(isSyncInProgressError(refused) && refused.awaitingReview).toBe(true);

      // Approval from another handle, as the CLI does: commits exactly what was staged, no pull.
      const approver = f.harness.open();
      const seen = await heldRun(approver, TENANT);
      expect(seen?.runId).toBe(held.runId);
      expect(bySourcedId(seen?.report.schools ?? [])).toEqual(expectedSchools(district));
      const requestsBefore = f.requests.length;
      const approved = await approveRun(approver, TENANT, held.runId);
      expect(f.requests.length).toBe(requestsBefore);
      expect(approved).toMatchObject({ runId: held.runId, status: 'committed', mode: 'full' });
      for (const collection of LOADED) {
        expect(approved.collections[collection]?.inserted).toBe(district.count(collection));
        expect(await approver.count(TENANT, collection, { status: 'active' })).toBe(
          district.count(collection),
        );
      }
      expect((await approver.lastFullSync(TENANT))?.id).toBe(held.runId);
      // The approved run's change log: one insert per record it committed, under the reviewed run's id.
      const golive: ChangeRecord[] = [];
      for await (const change of changes(approver, TENANT)) golive.push(change);
      const loaded = LOADED.reduce((sum, collection) => sum + district.count(collection), 0);
      expect(golive).toHaveLength(loaded);
      expect(golive.every((change) => change.runId === held.runId && change.op === 'insert')).toBe(true);
      expect(golive.map((change) => change.seq)).toEqual(golive.map((_, index) => index + 1));
      const lastApplied = golive.at(-1)?.seq ?? 0;
      expect(await heldRun(approver, TENANT)).toBeUndefined();
      expect(isNotAwaitingReviewError(await rejection(approveRun(approver, TENANT, held.runId)))).toBe(true);

      // Mutations: N inserts, M updates (2 of them students moving school), K tombstones.
      const students = f.ids('users').slice(0, district.shape.students);
      const inserted = Array.from({ length: 3 }, (_, index) =>
        district.mutate.insert('users', {
          role: 'student',
          givenName: `New${index}`,
          orgs: [guidRef('org', formatId('orgs', 1))],
        }),
      );
      const renamed = students.slice(0, 4);
      for (const id of renamed) district.mutate.update('users', id, { givenName: 'Renamed' });
      const moved = students.slice(4, 6);
      for (const id of moved)
        district.mutate.update('users', id, { orgs: [guidRef('org', formatId('orgs', 2))] });
      const retired = students.slice(6, 8);
      for (const id of retired) district.mutate.tombstone('users', id);
      const [N, M, K] = [inserted.length, renamed.length + moved.length, retired.length];

      const delta = await f.sync({ mode: 'delta' });
      expect(delta.status).toBe('committed');
      expect(delta.collections.users).toMatchObject({ inserted: N, updated: M, tombstoned: K, deleted: 0 });
      // The delta's change log holds exactly those N/M/K changes, each with the fields that changed.
      const logged: ChangeRecord[] = [];
      for await (const change of changes(approver, TENANT, { after: lastApplied })) logged.push(change);
      expect(logged.every((change) => change.runId === delta.runId && change.collection === 'users')).toBe(
        true,
      );
      const ops = (op: ChangeRecord['op']) => logged.filter((change) => change.op === op);
      expect([ops('insert').length, ops('update').length, ops('tombstone').length]).toEqual([N, M, K]);
      expect(logged).toHaveLength(N + M + K);
      expect(new Set(ops('insert').map((change) => change.sourcedId))).toEqual(
        new Set(inserted.map((record) => record.sourcedId)),
      );
      for (const change of ops('insert'))
        expect(change.changedFields).toEqual(expect.arrayContaining(['sourcedId', 'givenName', 'orgs']));
      const updateOf = (id: string) => ops('update').find((change) => change.sourcedId === id);
      for (const id of renamed) {
        expect(updateOf(id)?.changedFields).toContain('givenName');
        expect(updateOf(id)?.changedFields).not.toContain('orgs');
        expect(updateOf(id)?.after).toMatchObject({ givenName: 'Renamed' });
      }
      for (const id of moved) {
        expect(updateOf(id)?.changedFields).toContain('orgs');
        expect(updateOf(id)?.changedFields).not.toContain('givenName');
      }
      expect(new Set(ops('tombstone').map((change) => change.sourcedId))).toEqual(new Set(retired));
      for (const change of ops('tombstone')) expect(change.changedFields).toContain('status');
      const stored = await dump(approver, 'users');
      for (const id of moved) {
        expect(stored.find((user) => user.sourcedId === id)?.['orgs']).toEqual([
          guidRef('org', formatId('orgs', 2)),
        ]);
      }
    });

    it('on-threshold commits a run under the thresholds and holds one over them', async () => {
      const f = fixture();
      expect((await f.sync({ review: 'on-threshold' })).status).toBe('committed');
      const users = f.ids('users');
      f.district.mutate.update('users', users[0]!, { givenName: 'One' });
      const small = await f.sync({ review: 'on-threshold' });
      expect(small.status).toBe('committed');
      expect(small.collections.users?.updated).toBe(1);
      // 80% of the users renamed: past the 75% threshold.
      for (const id of users.slice(0, Math.ceil(users.length * 0.8)))
        f.district.mutate.update('users', id, { familyName: 'Mass' });
      const mass = await f.sync({ review: 'on-threshold' });
      expect(mass.status).toBe('awaiting-review');
      expect(mass.report?.flags).toContainEqual(
        expect.objectContaining({ collection: 'users', kind: 'updated', threshold: 0.75 }),
      );
      // Nothing of any collection was committed: all were staged first.
      expect((await f.store.get(TENANT, 'users', users[0]!))?.['familyName']).not.toBe('Mass');
      const loose = await rejection(
        f.sync({ review: 'on-threshold', reviewThresholds: { maxUpdatedFraction: 1 } }),
      );
      expect(isSyncInProgressError(loose)).toBe(true);
      await rejectRun(f.store, TENANT, mass.runId);
      const again = await f.sync({ review: 'on-threshold', reviewThresholds: { maxUpdatedFraction: 1 } });
      expect(again.status).toBe('committed');
      expect((await f.store.get(TENANT, 'users', users[0]!))?.['familyName']).toBe('Mass');
    });

    it('rejects a held run, leaving the roster as it was', async () => {
      const f = fixture();
      await f.sync();
      f.district.mutate.tombstone('users', f.ids('users')[0]!);
      const held = await f.sync({ review: 'always' });
      const rejected = await rejectRun(f.harness.open(), TENANT, held.runId);
      expect(rejected.status).toBe('rejected');
      expect((await f.store.get(TENANT, 'users', f.ids('users')[0]!))?.status).toBe('active');
      expect(await heldRun(f.store, TENANT)).toBeUndefined();
      expect((await f.sync()).collections.users?.tombstoned).toBe(1);
    });

    it('discards a held run that expired, and the next sync pulls afresh', async () => {
      const f = fixture();
      let clock = Date.UTC(2026, 0, 5);
      const now = () => clock;
      const store = f.harness.open({ now });
      const sync = (options = {}) =>
        f.sync({ store, now, review: 'always', reviewExpiresAfterMs: 60_000, ...options });
      const held = await sync();
      clock += 60_001;
      expect(await heldRun(store, TENANT)).toBeUndefined();
      expect((await store.getRun(TENANT, held.runId))?.status).toBe('expired');
      const error = await rejection(approveRun(store, TENANT, held.runId));
      expect(isNotAwaitingReviewError(error) && error.status).toBe('expired');
      const next = await sync({ review: 'never' });
      expect(next.status).toBe('committed');
      expect(next.collections.users?.inserted).toBe(f.ids('users').length);
    });

    it('a dry run never waits for review', async () => {
      const f = fixture();
      const dry = await f.sync({ review: 'always', dryRun: true });
      expect(dry.status).toBe('dry-run');
      expect(await heldRun(f.store, TENANT)).toBeUndefined();
    });
  });
}
