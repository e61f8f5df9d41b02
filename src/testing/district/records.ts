/** Record shapes of the synthetic district, in the OneRoster 1.1 JSON binding. */

/** The collections a district stores; views such as `students` or `terms` are filters over these. */
export type CollectionName =
  | 'orgs'
  | 'academicSessions'
  | 'courses'
  | 'classes'
  | 'users'
  | 'enrollments'
  | 'demographics';

/** Every stored collection, in a fixed order. */
export const COLLECTION_NAMES: readonly CollectionName[] = [
  'orgs',
  'academicSessions',
  'courses',
  'classes',
  'users',
  'enrollments',
  'demographics',
];

/** A reference to another record (spec: GUIDRef). */
export type GuidRef = { href: string; sourcedId: string; type: string };

/** Any record as the mock stores and serves it: the base fields plus entity fields. */
export type RosterRecord = {
  sourcedId: string;
  status: string;
  dateLastModified: string;
  [field: string]: unknown;
};

/** Relative href of a record: GUIDRef hrefs are opaque to clients, so no origin is baked in. */
const HREF_BASE = '/ims/oneroster/v1p1';

/** Endpoint that serves each GUIDRef type, for its href. */
const HREF_ENDPOINT: Record<string, string> = {
  org: 'orgs',
  academicSession: 'academicSessions',
  term: 'terms',
  gradingPeriod: 'gradingPeriods',
  course: 'courses',
  class: 'classes',
  user: 'users',
  student: 'students',
  teacher: 'teachers',
  enrollment: 'enrollments',
  demographics: 'demographics',
};

/** Builds a GUIDRef. */
export function guidRef(type: string, sourcedId: string): GuidRef {
  return { href: `${HREF_BASE}/${HREF_ENDPOINT[type] ?? type}/${sourcedId}`, sourcedId, type };
}

/** Fields of each collection that the spec marks optional, for the `nullOptionalFields` quirk. */
export const OPTIONAL_FIELDS: Record<CollectionName, readonly string[]> = {
  orgs: ['metadata', 'identifier', 'parent', 'children'],
  academicSessions: ['metadata', 'parent', 'children'],
  courses: ['metadata', 'schoolYear', 'grades', 'subjects', 'org', 'subjectCodes', 'resources'],
  classes: [
    'metadata',
    'classCode',
    'classType',
    'location',
    'grades',
    'subjects',
    'subjectCodes',
    'periods',
    'resources',
  ],
  users: [
    'metadata',
    'userIds',
    'middleName',
    'identifier',
    'email',
    'sms',
    'phone',
    'agents',
    'grades',
    'password',
  ],
  enrollments: ['metadata', 'primary', 'beginDate', 'endDate'],
  demographics: [
    'metadata',
    'birthDate',
    'sex',
    'americanIndianOrAlaskaNative',
    'asian',
    'blackOrAfricanAmerican',
    'nativeHawaiianOrOtherPacificIslander',
    'white',
    'demographicRaceTwoOrMoreRaces',
    'hispanicOrLatinoEthnicity',
    'countryOfBirthCode',
    'stateOfBirthAbbreviation',
    'cityOfBirth',
    'publicSchoolResidenceStatus',
  ],
};

/** Every field a record of each collection may carry: filters, sorts and `fields` are checked against it. */
export const KNOWN_FIELDS: Record<CollectionName, readonly string[]> = {
  orgs: ['sourcedId', 'status', 'dateLastModified', 'name', 'type', ...OPTIONAL_FIELDS.orgs],
  academicSessions: [
    'sourcedId',
    'status',
    'dateLastModified',
    'title',
    'startDate',
    'endDate',
    'type',
    'schoolYear',
    ...OPTIONAL_FIELDS.academicSessions,
  ],
  courses: ['sourcedId', 'status', 'dateLastModified', 'title', 'courseCode', ...OPTIONAL_FIELDS.courses],
  classes: [
    'sourcedId',
    'status',
    'dateLastModified',
    'title',
    'course',
    'school',
    'terms',
    ...OPTIONAL_FIELDS.classes,
  ],
  users: [
    'sourcedId',
    'status',
    'dateLastModified',
    'username',
    'enabledUser',
    'givenName',
    'familyName',
    'role',
    'orgs',
    ...OPTIONAL_FIELDS.users,
  ],
  enrollments: [
    'sourcedId',
    'status',
    'dateLastModified',
    'user',
    'class',
    'school',
    'role',
    ...OPTIONAL_FIELDS.enrollments,
  ],
  demographics: ['sourcedId', 'status', 'dateLastModified', ...OPTIONAL_FIELDS.demographics],
};

/** Fields that carry a boolean in the spec ("true"/"false" in the 1.1 JSON binding). */
export const BOOLEAN_FIELDS: ReadonlySet<string> = new Set([
  'enabledUser',
  'primary',
  'americanIndianOrAlaskaNative',
  'asian',
  'blackOrAfricanAmerican',
  'nativeHawaiianOrOtherPacificIslander',
  'white',
  'demographicRaceTwoOrMoreRaces',
  'hispanicOrLatinoEthnicity',
]);

/** Fields holding dates or datetimes: filters compare them as instants, not as strings. */
export const DATE_FIELDS: ReadonlySet<string> = new Set([
  'dateLastModified',
  'startDate',
  'endDate',
  'beginDate',
  'birthDate',
]);
