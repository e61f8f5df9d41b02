import * as z from 'zod/mini';
import type { PlannedSlot } from '../registry/index.js';

/** What a slot's job carries: the slot's identity and mode. Everything else is read fresh when it runs. */
export const SlotJobSchema = z.object({
  tenant: z.string(),
  at: z.string(),
  key: z.string(),
  mode: z.enum(['auto', 'full', 'delta']),
  source: z.enum(['schedule', 'request']),
});
export type SlotJob = z.infer<typeof SlotJobSchema>;

export function slotJobOf(slot: PlannedSlot): SlotJob {
  return { tenant: slot.tenant, at: slot.at, key: slot.key, mode: slot.mode, source: slot.source };
}

/** A job's data back as a slot (the job table is data from a database: `unknown` until parsed). */
export function slotOfJob(data: unknown): PlannedSlot {
  const parsed = SlotJobSchema.safeParse(data);
  if (!parsed.success) throw new TypeError('oneroster/pg-boss: a job of the sync queue does not hold a slot');
  return { ...parsed.data, startsAt: undefined };
}
