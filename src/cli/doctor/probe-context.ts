import type { ProbeSession } from './probe-session.js';

/**
 * sourcedIds found on the way, for the probes that need a real record (nested paths, single reads);
 * undefined until found.
 */
export interface DiscoveredIds {
  schoolId?: string | undefined;
  classId?: string | undefined;
  /** The school of `classId`, for `/schools/{sid}/classes/{cid}/...`. */
  classSchoolId?: string | undefined;
  courseId?: string | undefined;
  termId?: string | undefined;
  userId?: string | undefined;
  studentId?: string | undefined;
  teacherId?: string | undefined;
}

/** What every probe works with. */
export interface ProbeContext {
  readonly session: ProbeSession;
  readonly ids: DiscoveredIds;
  /** The large page asked for to find the provider's page-size cap. */
  readonly probeLimit: number;
}

/** A probe's answer is described by its status, or by what failed. */
export function describeFailure(status: number | undefined, error: unknown): string {
  if (status !== undefined) return `HTTP ${status}`;
  return error instanceof Error ? error.name : 'failed';
}
