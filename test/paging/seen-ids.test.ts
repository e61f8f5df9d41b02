import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createHashedIds } from '../../src/paging/hashed-ids.js';
import { createSeenIds } from '../../src/paging/seen-ids.js';

/** Feeds pages of ids to both the compact structure and a plain Set; their answers must agree. */
function agreesWithASet(pages: string[][]): boolean {
  const seen = createSeenIds();
  const reference = new Set<string>();
  for (const page of pages) {
    for (const id of page) {
      const expected = !reference.has(id);
      reference.add(id);
      if (seen.add(id) !== expected) return false;
    }
    seen.endPage();
  }
  return true;
}

describe('the ids a pull has yielded', () => {
  it('answers exactly like a Set for ids in ascending order', () => {
    const ids = Array.from({ length: 5_000 }, (_, index) => `usr-${String(index).padStart(10, '0')}`);
    const pages = Array.from({ length: 50 }, (_, page) => ids.slice(page * 100, page * 100 + 100));
    expect(agreesWithASet(pages)).toBe(true);
  });

  it('answers exactly like a Set for any sequence: repeats, disorder, separators in ids', () => {
    const id = fc.oneof(
      fc.string({ maxLength: 4 }),
      fc.constantFrom('a\u0000b', '\u0000', 'z', 'a', 'enr-0001', 'enr-0002', 'enr-0010'),
    );
    fc.assert(fc.property(fc.array(fc.array(id, { maxLength: 20 }), { maxLength: 20 }), agreesWithASet), {
      numRuns: 3_000,
    });
  });

  it('unpacks front-coded pages exactly: long shared prefixes, empty and non-ASCII ids', () => {
    const long = 'x'.repeat(300);
    const pages = [
      ['', 'a', 'ab', 'abc', 'abd', 'b'],
      [`${long}1`, `${long}2`, `${long}2z`, 'y', 'yé', 'yé\u{1F600}', 'z'],
    ];
    const seen = createSeenIds();
    for (const page of pages) {
      for (const id of page) expect(seen.add(id)).toBe(true);
      seen.endPage();
    }
    // An id out of order unpacks every page: each packed id must come back as it went in.
    expect(seen.add('')).toBe(false);
    for (const id of pages.flat()) expect(seen.add(id)).toBe(false);
    expect(seen.add(`${long}3`)).toBe(true);
  });

  it('recognises a repeat that arrives after the switch to a Set', () => {
    const seen = createSeenIds();
    expect(seen.add('b')).toBe(true);
    seen.endPage();
    expect(seen.add('c')).toBe(true);
    expect(seen.add('a')).toBe(true);
    expect(seen.add('b')).toBe(false);
    expect(seen.add('c')).toBe(false);
  });
});

describe('the hashed ids that answer once ids arrive out of order', () => {
  it('answers exactly like a Set over 200,000 shuffled ids with repeats', () => {
    const ids = createHashedIds();
    const reference = new Set<string>();
    // A fixed linear congruential sequence: ids in no order, some repeated, some near-identical.
    let state = 12345;
    for (let index = 0; index < 200_000; index++) {
      state = (Math.imul(state, 1103515245) + 12345) >>> 0;
      const id = index % 7 === 0 ? `enr-${state % 50_000}` : `${(state >>> 3).toString(36)}-${index % 3}`;
      const expected = !reference.has(id);
      reference.add(id);
      expect(ids.add(id)).toBe(expected);
    }
    expect(ids.size).toBe(reference.size);
  });

  it('tells apart ids that differ only in order, length or one character, and the empty id', () => {
    const ids = createHashedIds();
    for (const id of ['', 'ab', 'ba', 'a', 'aa', 'a\u0000', '\u0000a', 'é', 'e\u0301', '\u{1F600}']) {
      expect(ids.add(id)).toBe(true);
    }
    for (const id of ['', 'ab', 'ba', 'a\u0000', '\u{1F600}']) expect(ids.add(id)).toBe(false);
  });
});
