/**
 * Raw OneRoster 1.2 records as the 1.2 rostering OpenAPI describes them (booleans as strings, every
 * GUIDRef with its href), for tests to vary. The entities 1.2 shares with 1.1 reuse ./fixtures.ts.
 */

export const ref12 = (type: string, sourcedId: string) => ({
  href: `https://sis.example.org/ims/oneroster/rostering/v1p2/${type}s/${sourcedId}`,
  sourcedId,
  type,
});

export function rawUser12(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    sourcedId: 'user-1',
    status: 'active',
    dateLastModified: '2026-01-02T03:04:05.123Z',
    username: 'jdoe',
    enabledUser: 'true',
    givenName: 'Jane',
    familyName: 'Doe',
    roles: [{ roleType: 'primary', role: 'student', org: ref12('org', 'school-1') }],
    grades: ['09'],
    ...overrides,
  };
}

/** A 1.2 user with every optional field of `UserDType`, nested ones included. */
export function fullUser12(): Record<string, unknown> {
  return rawUser12({
    metadata: { 'ext.district': { house: 'Blue' } },
    userMasterIdentifier: 'master-77',
    userIds: [{ type: 'state', identifier: 'S-123' }],
    middleName: 'Q',
    preferredFirstName: 'JJ',
    preferredMiddleName: 'Quinn',
    preferredLastName: 'Doe-Smith',
    pronouns: 'she/her',
    roles: [
      {
        roleType: 'primary',
        role: 'teacher',
        org: ref12('org', 'school-1'),
        userProfile: 'profile-1',
        beginDate: '2026-08-15',
        endDate: '2027-06-30',
      },
      { roleType: 'secondary', role: 'counselor', org: ref12('org', 'school-1') },
      { roleType: 'primary', role: 'districtAdministrator', org: ref12('org', 'district-1') },
    ],
    userProfiles: [
      {
        profileId: 'profile-1',
        profileType: 'lms',
        vendorId: 'vendor-9',
        applicationId: 'default',
        description: 'LMS account',
        credentials: [{ type: 'password', username: 'jdoe', password: 'secret-pw', hint: 'x' }],
      },
    ],
    primaryOrg: ref12('org', 'school-1'),
    identifier: '0042',
    email: 'jane@example.org',
    sms: '555-0100',
    phone: '555-0101',
    agents: [ref12('user', 'parent-1')],
    password: 'top-level-pw',
    resources: [ref12('resource', 'res-1')],
  });
}

export function rawDemographics12(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    sourcedId: 'user-1',
    status: 'active',
    dateLastModified: '2026-01-02T03:04:05.123Z',
    birthDate: '2011-04-05',
    sex: 'unspecified',
    asian: 'false',
    white: 'true',
    ...overrides,
  };
}
