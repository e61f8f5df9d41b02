import { beforeEach, describe, expect, it, vi } from 'vitest';
import { guidRef, rawUser } from './fixtures.js';

/** Object schemas zod has been asked to build, counted through a wrapper around the real module. */
const built = vi.hoisted(() => ({ count: 0 }));

vi.mock('zod/mini', async (importOriginal) => {
  const actual = await importOriginal<typeof import('zod/mini')>();
  const counting =
    <A extends unknown[], R>(build: (...args: A) => R) =>
    (...args: A): R => {
      built.count++;
      return build(...args);
    };
  // The SDK imports the namespace (`import * as z`), the form that tree-shakes.
  return { ...actual, object: counting(actual.object), looseObject: counting(actual.looseObject) };
});

const { parseRecord } = await import('../../src/query/parse-record.js');

const RECORD_COUNT = 2_000;
const raws = Array.from({ length: RECORD_COUNT }, (_, index) =>
  rawUser({
    sourcedId: `user-${index}`,
    email: index % 3 === 0 ? null : `user${index}@example.org`,
    orgs: [guidRef('org', `school-${index % 50}`)],
  }),
);

// Parsing runs once per record of a pull (millions): a schema built per record would cost more
// than the parse itself. Counted, not timed: speed is measured by `npm run bench`.
describe('parseRecord builds each schema once, never per record', () => {
  beforeEach(() => {
    built.count = 0;
  });

  it('reuses the full schema', () => {
    expect(parseRecord('user', raws[0], { validation: 'lenient' }).ok).toBe(true);
    const afterFirst = built.count;
    for (const raw of raws) expect(parseRecord('user', raw, { validation: 'lenient' }).ok).toBe(true);
    expect(built.count).toBe(afterFirst);
  });

  it('reuses a projection, whether the caller passes the same array or a new one each time', () => {
    const fields = ['sourcedId', 'givenName', 'role'] as const;
    parseRecord('user', raws[0], { validation: 'lenient', fields });
    parseRecord('user', raws[0], { validation: 'lenient', fields: 'minimal' });
    const afterFirst = built.count;
    for (const raw of raws) {
      expect(parseRecord('user', raw, { validation: 'lenient', fields }).ok).toBe(true);
      expect(parseRecord('user', raw, { validation: 'lenient', fields: [...fields] }).ok).toBe(true);
      expect(parseRecord('user', raw, { validation: 'lenient', fields: 'minimal' }).ok).toBe(true);
    }
    expect(built.count).toBe(afterFirst);
  });

  it('counts the schemas it builds (the wrapper sees them)', () => {
    parseRecord('user', raws[0], { validation: 'lenient', fields: ['sourcedId', 'familyName'] });
    expect(built.count).toBeGreaterThan(0);
  });
});
