/** Users (students, then teachers) and their demographics. */
import { isStudent, LEVEL_GRADES, schoolLevel, schoolOfUser, schoolOrgIndex } from './district-layout.js';
import type { DistrictShape } from './district-options.js';
import { baseModified, districtIdentity, isoDate, randomFor } from './generate-common.js';
import { formatId } from './ids.js';
import { CITIES, FAMILY_NAMES, GIVEN_NAMES, STATES, toAsciiHandle } from './names.js';
import { STREAM } from './prng.js';
import { guidRef, type RosterRecord } from './records.js';

/** Grade of a student, spread evenly over the grades of its school. */
function studentGrade(shape: DistrictShape, userIndex: number): string {
  const grades = LEVEL_GRADES[schoolLevel(schoolOfUser(shape, userIndex))];
  return grades[(userIndex % shape.studentsPerSchool) % grades.length]!;
}

/**
 * User `index`. Indices past the base (inserted records) reuse the layout of `index mod users` but
 * get their own names and identifiers, so an inserted user looks like a new person.
 */
export function generateUser(shape: DistrictShape, index: number): RosterRecord {
  const layoutIndex = index % shape.counts.users;
  const random = randomFor(shape, STREAM.users, index);
  const givenName = random.pick(GIVEN_NAMES);
  const familyName = random.pick(FAMILY_NAMES);
  const middleName = random.chance(0.4) ? random.pick(GIVEN_NAMES) : undefined;
  const student = isStudent(shape, layoutIndex);
  const username = `${toAsciiHandle(givenName).slice(0, 1)}${toAsciiHandle(familyName)}${index}`;
  const identifier = `${student ? 'S' : 'T'}${String(index + 100_000).padStart(8, '0')}`;
  const school = schoolOfUser(shape, layoutIndex);
  const user: RosterRecord = {
    sourcedId: formatId('users', index),
    status: 'active',
    dateLastModified: baseModified(shape, random),
    username,
    userIds: [{ type: student ? 'studentId' : 'staffId', identifier }],
    // 2% of accounts are disabled, as SIS exports carry students who left mid-year.
    enabledUser: random.chance(0.02) ? 'false' : 'true',
    givenName,
    familyName,
    role: student ? 'student' : 'teacher',
    identifier,
    email: `${username}@${districtIdentity(shape).emailDomain}`,
    agents: [],
    orgs: [guidRef('org', formatId('orgs', schoolOrgIndex(school)))],
    grades: student ? [studentGrade(shape, layoutIndex)] : [],
  };
  if (middleName !== undefined) user['middleName'] = middleName;
  if (!student) user['phone'] = `+1-555-01${String(random.int(100)).padStart(2, '0')}`;
  if (shape.passwords) user['password'] = `Pw!${random.int(1_000_000_000).toString(36)}`;
  return user;
}

const RACES = [
  'americanIndianOrAlaskaNative',
  'asian',
  'blackOrAfricanAmerican',
  'nativeHawaiianOrOtherPacificIslander',
  'white',
] as const;
const FOREIGN_BIRTH_COUNTRIES: readonly string[] = [
  'MX',
  'VN',
  'CN',
  'IN',
  'PH',
  'SV',
  'NG',
  'UA',
  'DO',
  'KR',
];

/** Demographics of user `index` (spec: a demographics record's sourcedId is its user's). */
export function generateDemographics(shape: DistrictShape, index: number): RosterRecord {
  const random = randomFor(shape, STREAM.demographics, index);
  const layoutIndex = index % shape.counts.users;
  const student = isStudent(shape, layoutIndex);
  const grade = student ? studentGrade(shape, layoutIndex) : undefined;
  const ageYears = grade === undefined ? 25 + random.int(40) : 6 + (grade === 'KG' ? 0 : Number(grade));
  const birthMs = Date.UTC(shape.schoolYear - 1 - ageYears, random.int(12), 1 + random.int(28));
  const race = random.pick(RACES);
  const twoOrMore = random.chance(0.08);
  const usBorn = random.chance(0.85);
  const record: RosterRecord = {
    sourcedId: formatId('demographics', index),
    status: 'active',
    dateLastModified: baseModified(shape, random),
    birthDate: isoDate(birthMs),
    sex: random.chance(0.5) ? 'female' : 'male',
    demographicRaceTwoOrMoreRaces: twoOrMore ? 'true' : 'false',
    hispanicOrLatinoEthnicity: random.chance(0.3) ? 'true' : 'false',
    countryOfBirthCode: usBorn ? 'US' : random.pick(FOREIGN_BIRTH_COUNTRIES),
    cityOfBirth: random.pick(CITIES),
    // CEDS 01652: resident of the administrative unit and of the usual school attendance area.
    publicSchoolResidenceStatus: '01652',
  };
  for (const field of RACES)
    record[field] = field === race || (twoOrMore && random.chance(0.3)) ? 'true' : 'false';
  if (usBorn) record['stateOfBirthAbbreviation'] = random.pick(STATES);
  return record;
}
