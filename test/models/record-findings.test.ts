import { describe, expect, it } from 'vitest';
import { parseRecord } from '../../src/query/parse-record.js';
import { guidRef, rawClass, rawCourse, rawEnrollment, rawUser } from './fixtures.js';
import { rawUser12, ref12 } from './fixtures-v1p2.js';

describe('unknown grades', () => {
  it('are kept and reported with their place in the list, like unknown roles', () => {
    const parsed = parseRecord('user', rawUser({ grades: ['09', 'K', 'Other', 'Freshman'] }));
    expect(parsed).toMatchObject({
      ok: true,
      record: { grades: ['09', 'K', 'Other', 'Freshman'] },
      unknownEnums: [
        { path: 'grades.1', value: 'K' },
        { path: 'grades.3', value: 'Freshman' },
      ],
    });
  });

  it('are reported on classes, courses and 1.2 users too, in both modes', () => {
    for (const validation of ['lenient', 'strict'] as const) {
      expect(parseRecord('class', rawClass({ grades: ['KG', '1st'] }), { validation })).toMatchObject({
        unknownEnums: [{ path: 'grades.1', value: '1st' }],
      });
      expect(parseRecord('course', rawCourse({ grades: ['K'] }), { validation })).toMatchObject({
        unknownEnums: [{ path: 'grades.0', value: 'K' }],
      });
      expect(
        parseRecord('user', rawUser12({ grades: ['PK', 'K4'] }), { version: '1.2', validation }),
      ).toMatchObject({
        unknownEnums: [{ path: 'grades.1', value: 'K4' }],
      });
    }
  });
});

describe('GUIDRefs whose type contradicts their field', () => {
  it('are kept and reported, naming what the field points at', () => {
    const parsed = parseRecord(
      'user',
      rawUser({
        orgs: [guidRef('org', 'school-1'), guidRef('teacher', 'school-2')],
        agents: [guidRef('org', 'p1')],
      }),
    );
    expect(parsed).toMatchObject({
      ok: true,
      record: { orgs: [{ type: 'org' }, { type: 'teacher' }] },
      unknownEnums: [],
      refTypeMismatches: [
        { path: 'agents.0.type', value: 'org', expected: 'user' },
        { path: 'orgs.1.type', value: 'teacher', expected: 'org' },
      ],
    });
  });

  it('accept the 1.1 types that name a kind of the target', () => {
    const klass = parseRecord(
      'class',
      rawClass({ terms: [guidRef('term', 't1'), guidRef('gradingPeriod', 'g1')] }),
    );
    const enrollment = parseRecord('enrollment', rawEnrollment({ user: guidRef('student', 'u1') }));
    for (const parsed of [klass, enrollment]) {
      expect(parsed.ok).toBe(true);
      expect(parsed).not.toHaveProperty('refTypeMismatches');
    }
  });

  it('leave a type the version does not know to the unknown values', () => {
    expect(parseRecord('user', rawUser({ orgs: [guidRef('school', 's1')] }))).toEqual(
      expect.objectContaining({ unknownEnums: [{ path: 'orgs.0.type', value: 'school' }] }),
    );
    expect(parseRecord('user', rawUser({ orgs: [guidRef('school', 's1')] }))).not.toHaveProperty(
      'refTypeMismatches',
    );
  });

  it('are reported in a 1.2 user’s roles and primaryOrg', () => {
    const parsed = parseRecord(
      'user',
      rawUser12({
        primaryOrg: ref12('course', 'c1'),
        roles: [{ roleType: 'primary', role: 'teacher', org: ref12('class', 'k1') }],
      }),
      { version: '1.2', validation: 'strict' },
    );
    expect(parsed).toMatchObject({
      ok: true,
      refTypeMismatches: [
        { path: 'primaryOrg.type', value: 'course', expected: 'org' },
        { path: 'roles.0.org.type', value: 'class', expected: 'org' },
      ],
    });
  });
});
