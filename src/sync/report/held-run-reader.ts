import type { HeldRunPlan, PlannedCollection } from '../review/held-run-plan.js';
import type { RosterRecord, RosterStore } from '../roster-store.js';
import { compareCodePoints } from '../store/compare-code-points.js';
import type { RosterReader } from './roster-reader.js';

/** The next value of an iterator, or undefined at its end. */
async function nextOf(iterator: AsyncIterator<RosterRecord>): Promise<RosterRecord | undefined> {
  const step = await iterator.next();
  return step.done === true ? undefined : step.value;
}

/**
 * A collection as its commit would leave it: stored and staged records merged by sourcedId (both
 * streams are in code-point order, so one pass with a record of each in hand), the staged one in its
 * place, unseen ones retired as the planned commit retires them.
 */
async function* afterCommit(
  stored: AsyncIterable<RosterRecord>,
  staged: AsyncIterable<RosterRecord>,
  planned: PlannedCollection,
  mode: HeldRunPlan['mode'],
): AsyncGenerator<RosterRecord> {
  const storedIterator = stored[Symbol.asyncIterator]();
  const stagedIterator = staged[Symbol.asyncIterator]();
  let nextStored = await nextOf(storedIterator);
  let nextStaged = await nextOf(stagedIterator);
  const retireUnseen = mode === 'full' && planned.unseen !== 'keep';
  while (nextStored !== undefined || nextStaged !== undefined) {
    const order =
      nextStored === undefined
        ? 1
        : nextStaged === undefined
          ? -1
          : compareCodePoints(nextStored.sourcedId, nextStaged.sourcedId);
    if (order < 0 && nextStored !== undefined) {
      if (!retireUnseen || nextStored.status !== 'active') yield nextStored;
      else if (planned.unseen === 'tombstone') yield { ...nextStored, status: 'tobedeleted' };
      nextStored = await nextOf(storedIterator);
      continue;
    }
    if (order === 0) nextStored = await nextOf(storedIterator);
    if (nextStaged !== undefined) {
      const removed = nextStaged.status === 'tobedeleted' && planned.tombstones === 'delete';
      if (!removed) yield nextStaged;
    }
    nextStaged = await nextOf(stagedIterator);
  }
}

/**
 * The roster a run awaiting review would leave once approved, through the store's public `iterate`
 * and `iterateStaged`: collections the run did not stage read as committed.
 */
export function createHeldRunReader(
  store: RosterStore,
  tenant: string,
  runId: string,
  plan: HeldRunPlan,
): RosterReader {
  return {
    source: 'held-run',
    records: (collection) => {
      const planned = plan.collections.find((entry) => entry.collection === collection);
      const stored = store.iterate(tenant, collection);
      if (planned === undefined) return stored;
      return afterCommit(stored, store.iterateStaged(tenant, runId, collection), planned, plan.mode);
    },
  };
}
