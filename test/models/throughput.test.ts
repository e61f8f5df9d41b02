import { describe, expect, it } from 'vitest';
import { parseRecord } from '../../src/models/parse-record.js';
import { guidRef, rawUser } from './fixtures.js';

/** Far below what a laptop does (~300,000/s); only a per-record schema build or similar would miss it. */
const MIN_RECORDS_PER_SECOND = 25_000;
const RECORD_COUNT = 100_000;

describe('parseRecord throughput', () => {
  it(`parses ${RECORD_COUNT} generated users faster than ${MIN_RECORDS_PER_SECOND} records per second`, () => {
    const raws = Array.from({ length: RECORD_COUNT }, (_, index) =>
      rawUser({
        sourcedId: `user-${index}`,
        dateLastModified: index % 2 === 0 ? '2026-01-02T03:04:05Z' : '2026-01-02T03:04:05.123Z',
        email: index % 3 === 0 ? null : `user${index}@example.org`,
        userIds: [{ type: 'state', identifier: `S${index}` }],
        orgs: [guidRef('org', `school-${index % 50}`)],
        metadata: { 'ext.lunch': 'B' },
      }),
    );
    const started = performance.now();
    let valid = 0;
    for (const raw of raws) if (parseRecord('user', raw, { mode: 'lenient' }).ok) valid++;
    const recordsPerSecond = RECORD_COUNT / ((performance.now() - started) / 1_000);
    expect(valid).toBe(RECORD_COUNT);
    expect(recordsPerSecond).toBeGreaterThan(MIN_RECORDS_PER_SECOND);
  });
});
