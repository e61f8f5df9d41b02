/**
 * The OneRoster 1.2 rostering model, copied by hand from the 1EdTech 1.2 OpenAPI's component schemas
 * (onerosterv1p2rostersservice_openapi3_v1p0.json): properties, required fields, vocabularies and
 * GUIDRef types. Written here, not imported from src/, so the mock is checked against the spec.
 */
import type { Json } from './helpers.js';

/** The entities, by list envelope key (XxxSetDType) and single-read key (SingleXxxDType). */
export const ENTITIES = {
  orgs: 'org',
  academicSessions: 'academicSession',
  courses: 'course',
  classes: 'class',
  users: 'user',
  enrollments: 'enrollment',
  demographics: 'demographics',
} as const;

export type ListKey = keyof typeof ENTITIES;

const BASE = ['sourcedId', 'status', 'dateLastModified', 'metadata'];

/** Every property of each DType (`additionalProperties: false`). */
const PROPERTIES: Record<ListKey, readonly string[]> = {
  orgs: [...BASE, 'name', 'type', 'identifier', 'parent', 'children'],
  academicSessions: [...BASE, 'title', 'startDate', 'endDate', 'type', 'parent', 'children', 'schoolYear'],
  courses: [
    ...BASE,
    'title',
    'schoolYear',
    'courseCode',
    'grades',
    'subjects',
    'org',
    'subjectCodes',
    'resources',
  ],
  classes: [
    ...BASE,
    ...['title', 'classCode', 'classType', 'location', 'grades', 'subjects', 'course', 'school', 'terms'],
    ...['subjectCodes', 'periods', 'resources'],
  ],
  users: [
    ...BASE,
    ...[
      'userMasterIdentifier',
      'username',
      'userIds',
      'enabledUser',
      'givenName',
      'familyName',
      'middleName',
    ],
    ...[
      'preferredFirstName',
      'preferredMiddleName',
      'preferredLastName',
      'pronouns',
      'roles',
      'userProfiles',
    ],
    ...['primaryOrg', 'identifier', 'email', 'sms', 'phone', 'agents', 'grades', 'password', 'resources'],
  ],
  enrollments: [...BASE, 'user', 'class', 'school', 'role', 'primary', 'beginDate', 'endDate'],
  demographics: [
    ...BASE,
    ...['birthDate', 'sex', 'americanIndianOrAlaskaNative', 'asian', 'blackOrAfricanAmerican'],
    ...['nativeHawaiianOrOtherPacificIslander', 'white', 'demographicRaceTwoOrMoreRaces'],
    ...['hispanicOrLatinoEthnicity', 'countryOfBirthCode', 'stateOfBirthAbbreviation', 'cityOfBirth'],
    'publicSchoolResidenceStatus',
  ],
};

/** The `required` list of each DType. */
export const REQUIRED: Record<ListKey, readonly string[]> = {
  orgs: ['sourcedId', 'status', 'dateLastModified', 'name', 'type', 'identifier'],
  academicSessions: [
    'sourcedId',
    'status',
    'dateLastModified',
    'title',
    'startDate',
    'endDate',
    'type',
    'schoolYear',
  ],
  courses: ['sourcedId', 'status', 'dateLastModified', 'title', 'courseCode'],
  classes: ['sourcedId', 'status', 'dateLastModified', 'title', 'course', 'school', 'terms'],
  users: ['sourcedId', 'status', 'dateLastModified', 'enabledUser', 'givenName', 'familyName', 'roles'],
  enrollments: ['sourcedId', 'status', 'dateLastModified', 'user', 'class', 'school', 'role'],
  demographics: ['sourcedId', 'status', 'dateLastModified'],
};

/** GUIDRef fields and the `type` their GUIDRef DType allows (OrgGUIDRefDType: 'org', ...). */
const REFS: Record<ListKey, Readonly<Record<string, string>>> = {
  orgs: { parent: 'org', children: 'org' },
  academicSessions: { parent: 'academicSession', children: 'academicSession' },
  courses: { schoolYear: 'academicSession', org: 'org' },
  classes: { course: 'course', school: 'org', terms: 'academicSession' },
  users: { primaryOrg: 'org', agents: 'user' },
  enrollments: { user: 'user', class: 'class', school: 'org' },
  demographics: {},
};

/** Enumerations (the `anyOf` ones also allow the `ext:` pattern). */
const VOCABULARIES: Record<ListKey, Readonly<Record<string, readonly string[]>>> = {
  orgs: { type: ['department', 'district', 'local', 'national', 'school', 'state'] },
  academicSessions: { type: ['gradingPeriod', 'semester', 'schoolYear', 'term'] },
  courses: {},
  classes: { classType: ['homeroom', 'scheduled'] },
  users: {},
  enrollments: { role: ['administrator', 'proctor', 'student', 'teacher'] },
  demographics: { sex: ['male', 'female', 'unspecified', 'other'] },
};

/** RoleDType.role. */
export const USER_ROLES = [
  ...['aide', 'counselor', 'districtAdministrator', 'guardian', 'parent', 'principal', 'proctor'],
  ...['relative', 'siteAdministrator', 'student', 'systemAdministrator', 'teacher'],
];

/** Fields whose schema is the string enum `["true", "false"]`. */
const STRING_BOOLEANS = [
  ...['enabledUser', 'primary', 'americanIndianOrAlaskaNative', 'asian', 'blackOrAfricanAmerican'],
  ...[
    'nativeHawaiianOrOtherPacificIslander',
    'white',
    'demographicRaceTwoOrMoreRaces',
    'hispanicOrLatinoEthnicity',
  ],
];

const EXTENSION = /^ext:[a-zA-Z0-9.\-_]+$/;
const HREF_BASE = '/ims/oneroster/rostering/v1p2/';

const isObject = (value: unknown): value is Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** What is wrong with a GUIDRef (required href, sourcedId, type; nothing else; the right type). */
function refViolations(where: string, value: unknown, type: string): string[] {
  if (!isObject(value)) return [`${where} is not a GUIDRef`];
  const problems = Object.keys(value)
    .filter((key) => !['href', 'sourcedId', 'type'].includes(key))
    .map((key) => `${where}.${key} is not a GUIDRef property`);
  if (typeof value.sourcedId !== 'string') problems.push(`${where}.sourcedId missing`);
  if (value.type !== type) problems.push(`${where}.type is ${String(value.type)}, not ${type}`);
  if (typeof value.href !== 'string' || !value.href.startsWith(HREF_BASE))
    problems.push(`${where}.href ${String(value.href)} is not under ${HREF_BASE}`);
  return problems;
}

/** What is wrong with a RoleDType. */
function roleViolations(where: string, value: unknown): string[] {
  if (!isObject(value)) return [`${where} is not a role`];
  const problems = Object.keys(value)
    .filter((key) => !['roleType', 'role', 'org', 'userProfile', 'beginDate', 'endDate'].includes(key))
    .map((key) => `${where}.${key} is not a RoleDType property`);
  if (value.roleType !== 'primary' && value.roleType !== 'secondary') problems.push(`${where}.roleType`);
  if (typeof value.role !== 'string' || !(USER_ROLES.includes(value.role) || EXTENSION.test(value.role)))
    problems.push(`${where}.role ${String(value.role)}`);
  return [...problems, ...refViolations(`${where}.org`, value.org, 'org')];
}

/** Every way a record breaks its 1.2 DType; empty when it validates. */
export function violationsOf(entity: ListKey, record: Json): string[] {
  const id = String(record.sourcedId);
  const problems: string[] = [];
  for (const key of Object.keys(record))
    if (!PROPERTIES[entity].includes(key)) problems.push(`${id}: ${key} is not a 1.2 ${entity} field`);
  for (const key of REQUIRED[entity])
    if (record[key] === undefined) problems.push(`${id}: ${key} is required`);
  if (record.status !== 'active' && record.status !== 'tobedeleted')
    problems.push(`${id}: status ${String(record.status)}`);
  for (const [field, type] of Object.entries(REFS[entity])) {
    const value = record[field];
    if (value === undefined) continue;
    const refs = Array.isArray(value) ? value : [value];
    problems.push(...refs.flatMap((ref, i) => refViolations(`${id}: ${field}[${i}]`, ref, type)));
  }
  for (const [field, values] of Object.entries(VOCABULARIES[entity])) {
    const value = record[field];
    if (value !== undefined && !(values.includes(String(value)) || EXTENSION.test(String(value))))
      problems.push(`${id}: ${field} ${String(value)}`);
  }
  for (const field of STRING_BOOLEANS)
    if (record[field] !== undefined && record[field] !== 'true' && record[field] !== 'false')
      problems.push(`${id}: ${field} ${JSON.stringify(record[field])} is not "true" or "false"`);
  if (entity === 'classes' && (!Array.isArray(record.terms) || record.terms.length === 0))
    problems.push(`${id}: terms minItems 1`);
  if (entity === 'users') {
    const roles = Array.isArray(record.roles) ? record.roles : [];
    if (roles.length === 0) problems.push(`${id}: roles minItems 1`);
    problems.push(...roles.flatMap((role, i) => roleViolations(`${id}: roles[${i}]`, role)));
  }
  return problems;
}
