/** The OneRoster versions the mock serves, and where each one's rostering service lives. */

/** A OneRoster version the mock provider serves. */
export type MockVersion = '1.1' | '1.2';

/** Every version the mock serves. */
export const MOCK_VERSIONS: readonly MockVersion[] = ['1.1', '1.2'];

/** The rostering service path of each version (spec 1.1 section 3.1; 1.2 REST binding section 2). */
export const ROSTERING_PATHS: Readonly<Record<MockVersion, string>> = {
  '1.1': '/ims/oneroster/v1p1',
  '1.2': '/ims/oneroster/rostering/v1p2',
};
