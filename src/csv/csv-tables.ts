import type { EntityName, GUIDRefType } from '../index.js';
import type { SyncCollectionName } from '../sync/index.js';

/**
 * How a column's text becomes the REST binding's field: `text` as given (booleans and dates are read
 * by the model's normaliser, as for JSON), `list` a comma-separated list, `ref` a sourcedId that
 * becomes a GUIDRef, `refs` a list of them, `userIds` the `{type:identifier}` list.
 */
export type ColumnKind = 'text' | 'list' | 'ref' | 'refs' | 'userIds';

/** One column of a 1.1 CSV file. */
export interface CsvColumn {
  /** The header, exactly (case included). */
  readonly name: string;
  readonly required: boolean;
  /** The REST field it fills. */
  readonly field: string;
  readonly kind: ColumnKind;
  /** The GUIDRef type of a `ref` or `refs` column. */
  readonly target?: GUIDRefType;
}

/** A data file of the rostering tables, the collection it fills and its columns in spec order. */
export interface CsvTable {
  readonly file: string;
  /** The manifest's property, `file.users`. */
  readonly manifestKey: string;
  readonly collection: SyncCollectionName;
  readonly entity: EntityName;
  readonly columns: readonly CsvColumn[];
}

function text(name: string, required = false, field = name): CsvColumn {
  return { name, required, field, kind: 'text' };
}
function list(name: string, field = name): CsvColumn {
  return { name, required: false, field, kind: 'list' };
}
function ref(name: string, field: string, target: GUIDRefType, required = false): CsvColumn {
  return { name, required, field, kind: 'ref', target };
}
function refs(name: string, field: string, target: GUIDRefType, required = false): CsvColumn {
  return { name, required, field, kind: 'refs', target };
}

/** `sourcedId, status, dateLastModified`: first in every 1.1 file; the last two blank in bulk files. */
const BASE: readonly CsvColumn[] = [text('sourcedId', true), text('status'), text('dateLastModified')];

/**
 * The rostering files of the OneRoster 1.1 CSV binding, in the order a sync reads them (parents
 * first), with their columns in the specification's order.
 */
export const CSV_TABLES: readonly CsvTable[] = [
  {
    file: 'orgs.csv',
    manifestKey: 'file.orgs',
    collection: 'orgs',
    entity: 'org',
    columns: [
      ...BASE,
      text('name', true),
      text('type', true),
      text('identifier'),
      ref('parentSourcedId', 'parent', 'org'),
    ],
  },
  {
    file: 'academicSessions.csv',
    manifestKey: 'file.academicSessions',
    collection: 'academicSessions',
    entity: 'academicSession',
    columns: [
      ...BASE,
      text('title', true),
      text('type', true),
      text('startDate', true),
      text('endDate', true),
      ref('parentSourcedId', 'parent', 'academicSession'),
      text('schoolYear', true),
    ],
  },
  {
    file: 'courses.csv',
    manifestKey: 'file.courses',
    collection: 'courses',
    entity: 'course',
    columns: [
      ...BASE,
      ref('schoolYearSourcedId', 'schoolYear', 'academicSession'),
      text('title', true),
      text('courseCode'),
      list('grades'),
      ref('orgSourcedId', 'org', 'org', true),
      list('subjects'),
      list('subjectCodes'),
    ],
  },
  {
    file: 'classes.csv',
    manifestKey: 'file.classes',
    collection: 'classes',
    entity: 'class',
    columns: [
      ...BASE,
      text('title', true),
      list('grades'),
      ref('courseSourcedId', 'course', 'course', true),
      text('classCode'),
      text('classType'),
      text('location'),
      ref('schoolSourcedId', 'school', 'org', true),
      refs('termSourcedIds', 'terms', 'academicSession', true),
      list('subjects'),
      list('subjectCodes'),
      list('periods'),
    ],
  },
  {
    file: 'users.csv',
    manifestKey: 'file.users',
    collection: 'users',
    entity: 'user',
    columns: [
      ...BASE,
      text('enabledUser', true),
      refs('orgSourcedIds', 'orgs', 'org', true),
      text('role', true),
      text('username', true),
      { name: 'userIds', required: false, field: 'userIds', kind: 'userIds' },
      text('givenName', true),
      text('familyName', true),
      text('middleName'),
      text('identifier'),
      text('email'),
      text('sms'),
      text('phone'),
      refs('agentSourcedIds', 'agents', 'user'),
      list('grades'),
      text('password'),
    ],
  },
  {
    file: 'enrollments.csv',
    manifestKey: 'file.enrollments',
    collection: 'enrollments',
    entity: 'enrollment',
    columns: [
      ...BASE,
      ref('classSourcedId', 'class', 'class', true),
      ref('schoolSourcedId', 'school', 'org', true),
      ref('userSourcedId', 'user', 'user', true),
      text('role', true),
      text('primary'),
      text('beginDate'),
      text('endDate'),
    ],
  },
  {
    file: 'demographics.csv',
    manifestKey: 'file.demographics',
    collection: 'demographics',
    entity: 'demographics',
    columns: [
      ...BASE,
      text('birthDate'),
      text('sex'),
      text('americanIndianOrAlaskaNative'),
      text('asian'),
      text('blackOrAfricanAmerican'),
      text('nativeHawaiianOrOtherPacificIslander'),
      text('white'),
      text('demographicRaceTwoOrMoreRaces'),
      text('hispanicOrLatinoEthnicity'),
      text('countryOfBirthCode'),
      text('stateOfBirthAbbreviation'),
      text('cityOfBirth'),
      text('publicSchoolResidenceStatus'),
    ],
  },
];

/** The other files of the 1.1 binding (gradebook, resources): read if present, reported as not synced. */
export const UNSYNCED_FILES = [
  'categories',
  'classResources',
  'courseResources',
  'lineItems',
  'resources',
  'results',
] as const;

/** The table of a collection. */
export function tableOf(collection: SyncCollectionName): CsvTable {
  const table = CSV_TABLES.find((candidate) => candidate.collection === collection);
  if (table === undefined) throw new TypeError(`oneroster/csv: no CSV file holds ${collection}`);
  return table;
}
