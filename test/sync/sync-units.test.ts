import { describe, expect, it } from 'vitest';
import { isOneRosterError } from '../../src/index.js';
import { baselineInWindow, checkDeletion, planDeletion } from '../../src/sync/deletion-guard.js';
import {
  createMemoryStore,
  IncompletePullError,
  isIncompletePullError,
  isMassDeletionError,
  MassDeletionError,
  type SyncOptions,
  syncRoster,
} from '../../src/sync/index.js';
import { resolveSyncOptions } from '../../src/sync/resolve-sync-options.js';
import { schoolsOf } from '../../src/sync/school-counts.js';
import { readCheckpoint } from '../../src/sync/sync-checkpoint.js';
import { pageRate } from '../../src/sync/sync-progress.js';
import { createWatermarkTracker, deltaSince, laterWatermark } from '../../src/sync/watermark.js';
import { mockClient } from './sync-helpers.js';

const base = (): SyncOptions => ({
  client: mockClient('https://sis.test/ims/oneroster/v1p1'),
  store: createMemoryStore(),
  tenant: 't',
});
const diff = { staged: 90, inserted: 0, updated: 0, unchanged: 90, tombstoned: 0, unseen: 10 };

describe('sync options', () => {
  it('pulls collections in dependency order whatever order they are named in', () => {
    const resolved = resolveSyncOptions({ ...base(), collections: ['enrollments', 'users', 'orgs'] });
    expect(resolved.collections).toEqual(['orgs', 'users', 'enrollments']);
    expect(resolveSyncOptions(base()).collections).not.toContain('demographics');
  });

  it('applies the documented defaults', () => {
    expect(resolveSyncOptions(base())).toMatchObject({
      mode: 'auto',
      deletionGuard: { maxDeleteFraction: 0.1, allowEmpty: false, windowMs: 2_592_000_000 },
      fullSyncEveryMs: 604_800_000,
      overlapMs: 60_000,
      tombstones: 'keep',
      maxRestarts: 2,
      dryRun: false,
      resume: true,
    });
    expect(resolveSyncOptions({ ...base(), deletionGuard: false }).deletionGuard).toBeUndefined();
  });

  it.each([
    [{ tenant: '' }],
    [{ mode: 'sometimes' as 'full' }],
    [{ collections: ['students' as 'users'] }],
    [{ collections: [] }],
    [{ deletionGuard: { maxDeleteFraction: 1.5 } }],
    [{ overlapMs: -1 }],
    [{ maxRestarts: 1.5 }],
    [{ tombstones: 'purge' as 'keep' }],
  ])('refuses a wrong option before touching the store: %o', async (override) => {
    const options = { ...base(), ...override };
    await expect(syncRoster(options)).rejects.toThrow(TypeError);
    expect(await options.store.getCheckpoint('t')).toBeUndefined();
  });

  it('refuses an unknown field before any request', async () => {
    await expect(syncRoster({ ...base(), fields: { users: ['shoeSize' as 'givenName'] } })).rejects.toThrow(
      /shoeSize/,
    );
  });
});

describe('the deletion guard', () => {
  const guard = { maxDeleteFraction: 0.1, allowEmpty: false, windowMs: 30 * 86_400_000 };
  it('lets exactly the threshold through and refuses above it', () => {
    expect(checkDeletion(planDeletion(diff, 100, true, 0), guard, true, undefined)).toBeUndefined();
    expect(
      checkDeletion(planDeletion({ ...diff, unseen: 11 }, 100, true, 0), guard, true, undefined),
    ).toMatchObject({
      reason: 'fraction',
      basis: 'previous-run',
      wouldDelete: 11,
      fraction: 0.11,
    });
  });

  it('ignores unseen records that the commit keeps, and a store with nothing to lose', () => {
    expect(
      checkDeletion(planDeletion({ ...diff, unseen: 50 }, 100, false, 0), guard, true, undefined),
    ).toBeUndefined();
    expect(
      checkDeletion(planDeletion({ ...diff, staged: 0 }, 0, true, 0), guard, true, undefined),
    ).toBeUndefined();
  });

  it('refuses an empty full pull unless allowEmpty', () => {
    const empty = planDeletion({ ...diff, staged: 0, unchanged: 0, unseen: 100 }, 100, true, 0);
    expect(checkDeletion(empty, guard, true, undefined)).toMatchObject({ reason: 'empty', stored: 100 });
    expect(checkDeletion(empty, { ...guard, allowEmpty: true }, true, undefined)).toBeUndefined();
  });

  it('sums retirements since the baseline, and ignores a baseline older than windowMs', () => {
    const baseline = { runId: 'r1', setAt: '2026-01-01T00:00:00.000Z', active: 100, retiredSince: 9 };
    const planned = planDeletion({ ...diff, unseen: 8 }, 91, true, 0);
    expect(checkDeletion(planned, guard, true, baseline)).toMatchObject({
      reason: 'fraction',
      basis: 'baseline',
      fraction: 0.17,
      baseline,
    });
    const later = Date.parse(baseline.setAt) + guard.windowMs;
    expect(baselineInWindow(baseline, guard, later - 1)).toBe(baseline);
    expect(baselineInWindow(baseline, guard, later)).toBeUndefined();
  });

  it('says when every record arrived and was quarantined, rather than that none arrived', () => {
    const quarantined = planDeletion({ ...diff, staged: 0, unchanged: 0, unseen: 100 }, 100, false, 100);
    expect(checkDeletion(quarantined, { ...guard, allowEmpty: true }, true, undefined)).toMatchObject({
      reason: 'all-quarantined',
      quarantined: 100,
      wouldDelete: 0,
    });
  });
});

describe('sync errors', () => {
  it('are OneRoster errors recognised by name, carrying counts and no record content', () => {
    const error = new MassDeletionError({
      tenant: 't',
      collection: 'users',
      reason: 'fraction',
      stored: 200,
      wouldDelete: 50,
      fraction: 0.25,
      threshold: 0.1,
    });
    expect(isOneRosterError(error)).toBe(true);
    expect(isMassDeletionError(error)).toBe(true);
    expect(isMassDeletionError(Object.assign(new Error('x'), { name: 'MassDeletionError' }))).toBe(false);
    expect(error.message).toContain('50 of 200 users (25.0%');
    const incomplete = new IncompletePullError({
      reason: 'count-mismatch',
      tenant: 't',
      collection: 'users',
      received: 5,
      total: 9,
      attempts: 1,
    });
    expect(isIncompletePullError(incomplete)).toBe(true);
    expect(isMassDeletionError(incomplete)).toBe(false);
  });
});

describe('watermarks', () => {
  it('keep the largest provider stamp and start deltas an overlap before it', () => {
    const tracker = createWatermarkTracker();
    for (const stamp of [
      '2026-09-01T00:00:00Z',
      '2026-09-03T10:00:00.000Z',
      'garbage',
      undefined,
      '2026-09-02',
    ]) {
      tracker.observe(stamp);
    }
    expect(tracker.value).toBe('2026-09-03T10:00:00.000Z');
    expect(deltaSince('2026-09-03T10:00:00.000Z', 60_000).toISOString()).toBe('2026-09-03T09:59:00.000Z');
    expect(laterWatermark('2026-09-01T00:00:00.000Z', undefined)).toBe('2026-09-01T00:00:00.000Z');
    expect(laterWatermark('2026-09-02T00:00:00.000Z', '2026-09-01T00:00:00.000Z')).toBe(
      '2026-09-02T00:00:00.000Z',
    );
  });
});

describe('progress and reports', () => {
  it('computes a rate and an ETA once records flow', () => {
    expect(pageRate(0, 100, 0)).toEqual({ recordsPerSecond: 0, etaMs: undefined });
    expect(pageRate(250, 1_000, 5_000)).toEqual({ recordsPerSecond: 50, etaMs: 15_000 });
    expect(pageRate(250, undefined, 5_000).etaMs).toBeUndefined();
  });

  it('groups records by their school reference', () => {
    const ref = (sourcedId: string) => ({ sourcedId, href: '', type: 'org' });
    expect(schoolsOf('users', { orgs: [ref('a'), ref('b'), ref('a')] })).toEqual(['a', 'b']);
    expect(schoolsOf('classes', { school: ref('a') })).toEqual(['a']);
    expect(schoolsOf('orgs', { sourcedId: 's', type: 'school', parent: ref('d') })).toEqual(['s']);
    expect(schoolsOf('academicSessions', { sourcedId: 'y' })).toEqual([]);
  });

  it('reads only checkpoints it wrote', () => {
    expect(readCheckpoint({ collection: 'users' })).toBeUndefined();
    const checkpoint = {
      version: 1,
      collection: 'users',
      phase: 'pulling',
      attempt: 0,
      pages: 3,
      offset: 15,
    };
    expect(readCheckpoint(checkpoint)).toEqual(checkpoint);
  });
});
