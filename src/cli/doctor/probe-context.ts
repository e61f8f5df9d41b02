import type { ProbeSession } from './probe-session.js';

/** sourcedIds found on the way, for the probes that need a real record (nested paths, single reads). */
export interface DiscoveredIds {
  schoolId?: string;
  classId?: string;
  /** The school of `classId`, for `/schools/{sid}/classes/{cid}/...`. */
  classSchoolId?: string;
  courseId?: string;
  termId?: string;
  userId?: string;
  studentId?: string;
  teacherId?: string;
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
