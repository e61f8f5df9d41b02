import type { AnyOneRosterClient } from '../../client/create-client.js';
import type { ValidationMode } from '../../models/normalize/normalize-record.js';
import type { ProbeSession } from './probe-session.js';
import type { OneRosterVersion } from './versions.js';

/**
 * sourcedIds found on the way, for the probes that need a real record (nested paths, single reads);
 * undefined until found.
 */
export interface DiscoveredIds {
  orgId?: string | undefined;
  schoolId?: string | undefined;
  sessionId?: string | undefined;
  classId?: string | undefined;
  /** The school of `classId`, for `/schools/{sid}/classes/{cid}/...`. */
  classSchoolId?: string | undefined;
  courseId?: string | undefined;
  termId?: string | undefined;
  userId?: string | undefined;
  studentId?: string | undefined;
  teacherId?: string | undefined;
  enrollmentId?: string | undefined;
  demographicsId?: string | undefined;
}

/** What the command line asked for: the client the doctor reads with is made for these. */
export interface ConfiguredSettings {
  /** `--oneroster-version`, or undefined when the command did not say (the client then speaks 1.1). */
  readonly version: OneRosterVersion | undefined;
  readonly validation: ValidationMode;
}

/** What every probe works with. */
export interface ProbeContext {
  readonly session: ProbeSession;
  /** The client itself, for the probe that reads records as a sync would (validation). */
  readonly client: AnyOneRosterClient;
  readonly ids: DiscoveredIds;
  /** The first record of each top-level collection that answered with one (every field, as sent). */
  readonly samples: Record<string, Record<string, unknown>>;
  /** The large page asked for to find the provider's page-size cap. */
  readonly probeLimit: number;
  readonly configured: ConfiguredSettings;
  /**
   * The version the provider serves, as the version probe found it (1.1 until then): later probes
   * ask only for fields and filters that version has.
   */
  version: OneRosterVersion;
}

/** A probe's answer is described by its status, or by what failed. */
export function describeFailure(status: number | undefined, error: unknown): string {
  if (status !== undefined) return `HTTP ${status}`;
  return error instanceof Error ? error.name : 'failed';
}

/** Statuses a provider refuses a query with (a filter, fields); others (5xx, no answer) say nothing about it. */
const REFUSED_STATUSES = new Set([400, 422, 501]);

/** True when a failed probe was refused for what it asked, not failed for another reason. */
export function isRefusal(status: number | undefined): boolean {
  return status !== undefined && REFUSED_STATUSES.has(status);
}
