import { describe, expect, it } from 'vitest';
import {
  COLLECTIONS,
  NESTED_COLLECTIONS_BY_VERSION,
  ONEROSTER_SCOPES,
  ONEROSTER_VERSIONS,
} from '../../src/index.js';

const PREFIX = {
  '1.1': 'https://purl.imsglobal.org/spec/or/v1p1/scope/',
  '1.2': 'https://purl.imsglobal.org/spec/or/v1p2/scope/',
};

describe('the OAuth 2.0 scopes of each collection', () => {
  it.each(ONEROSTER_VERSIONS)(
    'name every collection %s reads, top-level and nested, and nothing else',
    (version) => {
      const nested = NESTED_COLLECTIONS_BY_VERSION[version].map((entry) => `${entry.parent}.${entry.method}`);
      expect(Object.keys(ONEROSTER_SCOPES[version].collections).sort()).toEqual(
        [...Object.keys(COLLECTIONS), ...nested].sort(),
      );
    },
  );

  it.each(ONEROSTER_VERSIONS)('follow the %s security blocks', (version) => {
    const scopes = ONEROSTER_SCOPES[version];
    const prefix = PREFIX[version];
    expect([scopes.roster, scopes.rosterCore, scopes.rosterDemographics]).toEqual([
      `${prefix}roster.readonly`,
      `${prefix}roster-core.readonly`,
      `${prefix}roster-demographics.readonly`,
    ]);
    // The 1.2 OpenAPI: top-level reads take roster or roster-core, nested reads roster only,
    // demographics roster-demographics only.
    expect(scopes.collections.users).toEqual([scopes.roster, scopes.rosterCore]);
    expect(scopes.collections.gradingPeriods).toEqual([scopes.roster, scopes.rosterCore]);
    expect(scopes.collections['classes.students']).toEqual([scopes.roster]);
    expect(scopes.collections['schools.classEnrollments']).toEqual([scopes.roster]);
    expect(scopes.collections.demographics).toEqual([scopes.rosterDemographics]);
  });
});
