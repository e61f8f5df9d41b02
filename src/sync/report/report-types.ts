import type { SyncMode, SyncRunStatus } from '../roster-store.js';

/** The collections a roster report reads, in the order it reads them (parents first). */
export const REPORT_COLLECTIONS = [
  'orgs',
  'academicSessions',
  'courses',
  'classes',
  'users',
  'enrollments',
] as const;

/** A collection the report reads. Demographics are never read: the report needs no race or birth data. */
export type ReportCollection = (typeof REPORT_COLLECTIONS)[number];

/** The run a report is about, as the store records it. */
export interface ReportRun {
  readonly id: string;
  readonly mode: SyncMode;
  readonly dryRun: boolean;
  readonly status: SyncRunStatus;
  /** ISO 8601 datetime. */
  readonly startedAt: string;
  /** ISO 8601 datetime; undefined while the run is live. */
  readonly finishedAt: string | undefined;
  /** Collections the run has committed, in commit order. */
  readonly committed: readonly string[];
}

/**
 * What the report's tables were read from. `committed`: the store's committed records as of
 * `generatedAt` (a store read is not a snapshot: a commit during the report may or may not show).
 * `held-run`: the roster as approving the run awaiting review would make it: the committed records
 * with the run's staged ones in their place, and those a full run did not see retired.
 */
export type ReportSource = 'committed' | 'held-run';

/** One school's counts. Students and teachers in two schools count in both. */
export interface SchoolSummary {
  readonly sourcedId: string;
  /** The org's `name`; empty when the provider sent none. */
  readonly name: string;
  /** The org's `identifier` (often a state or NCES id); undefined when absent. */
  readonly identifier: string | undefined;
  /** Active students whose orgs (a 1.2 user: whose roles' orgs) include the school. */
  readonly students: number;
  /**
   * Those students by their first grade (`grades[0]`, CEDS codes such as `KG`, `09`). Students without
   * a grade are counted in `students` only.
   */
  readonly studentsByGrade: Readonly<Record<string, number>>;
  readonly teachers: number;
  /** Active classes whose `school` is this one. */
  readonly classes: number;
  /** Active enrollments whose `school` is this one. */
  readonly enrollments: number;
}

/** A teacher as the district reviews the list. */
export interface TeacherEntry {
  readonly sourcedId: string;
  readonly givenName: string;
  readonly familyName: string;
  /** Undefined when the record has no email (a `minimal` field selection leaves it out). */
  readonly email: string | undefined;
  /** Schools (org sourcedIds) the teacher belongs to; orgs that are not schools are left out. */
  readonly schools: readonly string[];
  /** Distinct active classes the teacher has an active enrollment in. */
  readonly classes: number;
}

/**
 * Counters of what a district's roster should not contain. Each counts active records only; a
 * reference to a record that is missing or retired counts in {@link MissingReference} instead.
 */
export interface SanityCounters {
  /** Active students with no active enrollment. */
  readonly studentsWithoutEnrollments: number;
  /** Active students whose `grades` is missing or empty. */
  readonly studentsWithoutGrade: number;
  /** Active students or teachers whose orgs include no school the store holds. */
  readonly usersWithoutSchool: number;
  /** Active teachers with no active enrollment. */
  readonly teachersWithoutClasses: number;
  /** Active classes with no active enrollment of role `student`. */
  readonly classesWithoutStudents: number;
  /** Active classes with no active enrollment of role `teacher`. */
  readonly classesWithoutTeacher: number;
  /** Active classes whose `terms` (academic sessions: terms or grading periods) is missing or empty. */
  readonly classesWithoutTerm: number;
  /** Active classes whose `periods` (the schedule's periods, such as `"1"`) is missing or empty. */
  readonly classesWithoutPeriod: number;
  /** Active courses that no active class is a section of. */
  readonly coursesWithoutClasses: number;
}

/** The names of {@link SanityCounters}, in the order the renderers show them. */
export type SanityCounterName = keyof SanityCounters;

/**
 * References of one kind (a collection's field) that point at no active record: `missing` ones name a
 * sourcedId the store does not hold, `retired` ones a record the store holds as `tobedeleted`. Only
 * active records' references are checked.
 */
export interface MissingReference {
  /** The referring collection, e.g. `enrollments`. */
  readonly from: ReportCollection;
  /** Its field, e.g. `class`; `roles.org` for a 1.2 user's roles. */
  readonly field: string;
  /** The collection the field points into. */
  readonly to: ReportCollection;
  readonly missing: number;
  readonly retired: number;
  /**
   * The first few dangling references (at most {@link MISSING_REFERENCE_EXAMPLES}), as the referring
   * record's sourcedId and the sourcedId it points at; sourcedIds only, never a name.
   */
  readonly examples: readonly { readonly sourcedId: string; readonly target: string }[];
}

/** How many dangling references of each kind a report lists by sourcedId. */
export const MISSING_REFERENCE_EXAMPLES = 5;

/** Records of a collection as stored. */
export interface ReportCollectionTotals {
  readonly active: number;
  /** Records stored with `status: 'tobedeleted'` (tombstones). */
  readonly tobedeleted: number;
}

/**
 * What a run changes (or changed) in one collection. `retired` counts the provider's tombstones of
 * active records and, after a full pull, the active records it did not send.
 */
export interface ReportCollectionChange {
  /** New records, or records back from a tombstone. */
  readonly inserted: number;
  readonly updated: number;
  readonly unchanged: number;
  readonly retired: number;
  /** Active records before the change: the base of the fractions. */
  readonly activeBefore: number;
  /** `updated / activeBefore`; 0 when there was nothing. */
  readonly updatedFraction: number;
  /** `retired / activeBefore`; 0 when there was nothing. */
  readonly retiredFraction: number;
}

/**
 * Where the report's change counts come from. `staged-run`: the store's `diff()` of the run named by
 * `runId`, which this store handle holds, for each collection it staged. `sync-result`: the counts of
 * the `syncResult` option. `held-run`: the counts a run awaiting review was held with, from any
 * handle. `none`: the store records no counts per run, so there is nothing to read.
 */
export type ReportChangeSource = 'staged-run' | 'held-run' | 'sync-result' | 'none';

/** The change against the previous run, per collection it is known for. */
export interface ReportChanges {
  readonly source: ReportChangeSource;
  readonly collections: Readonly<Partial<Record<ReportCollection, ReportCollectionChange>>>;
}

/** A collection whose change passes a threshold: a reason to look before trusting the run. */
export interface ThresholdFlag {
  readonly collection: ReportCollection;
  /** `updated`: more than `maxUpdatedFraction` updated; `retired`: more than `maxRetiredFraction` retired. */
  readonly kind: 'updated' | 'retired';
  /** The records updated or retired. */
  readonly count: number;
  readonly activeBefore: number;
  readonly fraction: number;
  readonly threshold: number;
}

/** The thresholds in force for a report's flags. */
export interface ResolvedReportThresholds {
  readonly maxUpdatedFraction: number;
  readonly maxRetiredFraction: number;
}

/**
 * A district's roster as a district reviews it before go-live, or a vendor checks it after a sync:
 * counts per school, the teacher list, sanity counters, dangling references, the change of the last
 * run and the flags it raises. Holds counts and sourcedIds, plus teachers' names and emails; no
 * student's name. Built by {@link buildRosterReport}; rendered by `reportToJson`, `reportToCsv` and
 * `reportToHtml`.
 */
export interface RosterReport {
  readonly tenant: string;
  /** ISO 8601 datetime the report was read at. */
  readonly generatedAt: string;
  readonly source: ReportSource;
  /** The run named by `runId` (or by `syncResult`), as the store records it. */
  readonly run: ReportRun | undefined;
  /** The tenant's last succeeded full run: its `startedAt` is the time the roster is complete as of. */
  readonly lastFullSync: ReportRun | undefined;
  readonly totals: Readonly<Record<ReportCollection, ReportCollectionTotals>>;
  /** Active orgs of type `school`, by name. */
  readonly schools: readonly SchoolSummary[];
  /** Every grade some school has students in, in CEDS order (`IT`, `PR`, `PK`, `TK`, `KG`, `01`…`13`, …). */
  readonly grades: readonly string[];
  /** Active users per role (a 1.2 user: its primary role's), e.g. `{ student: 600, teacher: 40 }`. */
  readonly roles: Readonly<Record<string, number>>;
  /** Active teachers by family and given name; undefined when `teacherList: false`. */
  readonly teachers: readonly TeacherEntry[] | undefined;
  readonly sanity: SanityCounters;
  /** Kinds of reference that dangle at least once; empty for a consistent roster. */
  readonly missingReferences: readonly MissingReference[];
  readonly changes: ReportChanges;
  readonly thresholds: ResolvedReportThresholds;
  /** Collections whose change passes a threshold; empty when none does or no change is known. */
  readonly flags: readonly ThresholdFlag[];
}
