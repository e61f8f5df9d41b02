import type { ResolvedDeletionGuard } from './resolve-sync-options.js';
import type { CollectionDiff, RosterRecord, RosterStore } from './roster-store.js';
import type { BlockedDeletion } from './sync-result.js';
import type { LegacyIdReader } from './version-switch-options.js';

/** A staged record that names the sourcedId it had before the switch. */
export interface RekeyLink {
  readonly to: string;
  readonly active: boolean;
}

/**
 * Collects the links of one collection's pull in a switching run: old sourcedId → the new record.
 * Memory grows with the collection (each sourcedId sent, and each link), for the length of the
 * pull; the links of a collection are then kept until the switch commits.
 */
export interface RekeyCollector {
  /** Each record as it is staged, before fields asked for the link alone are dropped. */
  observe(record: RosterRecord): void;
  /** The links whose old sourcedId the provider no longer sends (a record still sent is not re-keyed). */
  finish(): ReadonlyMap<string, RekeyLink>;
}

export function createRekeyCollector(legacyIdOf: LegacyIdReader): RekeyCollector {
  const links = new Map<string, RekeyLink>();
  const sent = new Set<string>();
  return {
    observe(record) {
      sent.add(record.sourcedId);
      const legacy = legacyIdOf(record);
      if (typeof legacy === 'string' && legacy !== '' && legacy !== record.sourcedId) {
        links.set(legacy, { to: record.sourcedId, active: record.status === 'active' });
      }
    },
    finish() {
      for (const from of links.keys()) if (sent.has(from)) links.delete(from);
      sent.clear();
      return links;
    },
  };
}

/** The renames a commit makes (`CommitOptions.rekey`), and how they change the store's diff. */
export interface RekeyPlan {
  /** Old sourcedId → new, for stored records whose new id is not stored yet. */
  readonly rekey: ReadonlyMap<string, string>;
  /** Renames of an active stored record into an active new one: unseen + inserted before, updated after. */
  readonly activeToActive: number;
  /** Renames of an active stored record into a provider tombstone: unseen before, tombstoned after. */
  readonly activeToTombstone: number;
}

/** No renames: every run but a switch. */
export const NO_REKEY: RekeyPlan = { rekey: new Map(), activeToActive: 0, activeToTombstone: 0 };

/**
 * Matches a pull's links with the stored collection, read once page by page: a link counts when its
 * old record is stored and its new id is not (the store applies the same rule when it renames).
 */
export async function planRekey(
  store: RosterStore,
  tenant: string,
  collection: string,
  links: ReadonlyMap<string, RekeyLink>,
): Promise<RekeyPlan> {
  if (links.size === 0) return NO_REKEY;
  const targets = new Set<string>();
  for (const link of links.values()) targets.add(link.to);
  const storedActive = new Map<string, boolean>();
  const takenTargets = new Set<string>();
  for await (const record of store.iterate(tenant, collection)) {
    if (links.has(record.sourcedId)) storedActive.set(record.sourcedId, record.status === 'active');
    if (targets.has(record.sourcedId)) takenTargets.add(record.sourcedId);
  }
  const rekey = new Map<string, string>();
  let activeToActive = 0;
  let activeToTombstone = 0;
  for (const [from, active] of storedActive) {
    const link = links.get(from);
    if (link === undefined || takenTargets.has(link.to)) continue;
    rekey.set(from, link.to);
    if (active && link.active) activeToActive++;
    else if (active) activeToTombstone++;
  }
  return { rekey, activeToActive, activeToTombstone };
}

/** The store's diff as it will be once the renames are made (the store computes the same in its commit). */
export function diffAfterRekey(diff: CollectionDiff, plan: RekeyPlan): CollectionDiff {
  return {
    ...diff,
    inserted: diff.inserted - plan.activeToActive,
    updated: diff.updated + plan.activeToActive,
    tombstoned: diff.tombstoned + plan.activeToTombstone,
    unseen: diff.unseen - plan.activeToActive - plan.activeToTombstone,
  };
}

/**
 * A switch's own check, before the deletion guard's: stored records the provider no longer sends
 * (links applied), above the guard's `maxDeleteFraction` of the collection, while it sends records
 * the store does not know, is a re-keying without a link, refused whatever the unseen records would
 * become (quarantined records keep them, which would store each person twice). Off with the guard.
 */
export function checkUnlinkedRekey(
  diff: CollectionDiff,
  stored: number,
  guard: ResolvedDeletionGuard | undefined,
  quarantined: number,
): BlockedDeletion | undefined {
  if (guard === undefined || stored === 0 || diff.inserted === 0) return undefined;
  const fraction = diff.unseen / stored;
  if (fraction <= guard.maxDeleteFraction) return undefined;
  return {
    reason: 'unlinked-rekey',
    basis: 'previous-run',
    stored,
    wouldDelete: diff.unseen,
    fraction,
    threshold: guard.maxDeleteFraction,
    baseline: undefined,
    quarantined,
    quarantineReasons: [],
  };
}
