import * as z from 'zod/mini';
import { ONEROSTER_VERSIONS } from '../../index.js';
import type { JsonValue } from '../roster-store.js';
import { SYNC_COLLECTIONS } from '../sync-options.js';

const MODE_REASONS = [
  'requested',
  'no-full-sync',
  'full-sync-due',
  'no-watermark',
  'watermarks',
  'resumed',
  'version-switch',
] as const;

/** One collection of a held run: the options its commit takes, and the counts its review showed. */
const PlannedCollectionSchema = z.object({
  collection: z.enum(SYNC_COLLECTIONS),
  tombstones: z.enum(['keep', 'delete']),
  unseen: z.enum(['keep', 'tombstone', 'delete']),
  baseline: z.enum(['set', 'accumulate']),
  /** The collection's watermark once committed; null keeps the stored one. */
  watermark: z.nullable(z.string()),
  /** Stored sourcedId → the new one, for a version switch that re-keyed records. */
  rekey: z.array(z.tuple([z.string(), z.string()])),
  /** The pull, for the commit's checkpoint and the result's counts. */
  received: z.number(),
  quarantined: z.number(),
  total: z.nullable(z.number()),
  restarts: z.number(),
  pages: z.number(),
  /** What the review showed: the store's diff, with retirements as the commit will count them. */
  inserted: z.number(),
  updated: z.number(),
  unchanged: z.number(),
  tombstoned: z.number(),
  deleted: z.number(),
  deletionsSkipped: z.nullable(z.literal('quarantined')),
  previousWatermark: z.nullable(z.string()),
});

/**
 * What approving a held run commits, saved with the run (`HoldRunOptions.plan`) so that any process
 * approves it as the one that held it would have committed it: no second pull, the same options.
 */
const HeldRunPlanSchema = z.object({
  version: z.literal(1),
  mode: z.enum(['full', 'delta']),
  modeReason: z.enum(MODE_REASONS),
  syncVersion: z.enum(ONEROSTER_VERSIONS),
  switchedFrom: z.nullable(z.enum(ONEROSTER_VERSIONS)),
  resumed: z.boolean(),
  thresholds: z.object({ maxUpdatedFraction: z.number(), maxRetiredFraction: z.number() }),
  /**
   * The run's `changeLog` option, so the approval logs its changes as the run would have (under the
   * held run's id). Absent: the default log; `false`: none.
   */
  changeLog: z.optional(
    z.union([
      z.literal(false),
      z.object({
        values: z.optional(z.enum(['none', 'changed-fields', 'full'])),
        retainDays: z.optional(z.number()),
      }),
    ]),
  ),
  /** In commit order: parents first. */
  collections: z.array(PlannedCollectionSchema),
});

export type PlannedCollection = z.infer<typeof PlannedCollectionSchema>;
export type HeldRunPlan = z.infer<typeof HeldRunPlanSchema>;

/** The plan as the store's JSON. */
export function toPlanData(plan: HeldRunPlan): JsonValue {
  // Plain JSON already (zod-shaped numbers, strings, nulls); a round trip makes it a JsonValue.
  const data: JsonValue = JSON.parse(JSON.stringify(plan));
  return data;
}

/**
 * Reads the plan a held run was saved with.
 * @throws TypeError when the store holds something this engine did not write
 */
export function readPlan(runId: string, data: JsonValue): HeldRunPlan {
  const parsed = HeldRunPlanSchema.safeParse(data);
  if (!parsed.success) {
    throw new TypeError(`Run ${runId} is held with a plan this version of oneroster cannot read`);
  }
  return parsed.data;
}
