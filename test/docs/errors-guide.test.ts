// docs/errors.md is the reference of the error classes: every class an entry point exports, and its
// guard, is named there, so a new class cannot ship undocumented.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import * as csv from '../../src/csv/index.js';
import * as root from '../../src/index.js';
import * as registry from '../../src/registry/index.js';
import * as sync from '../../src/sync/index.js';

const GUIDE = readFileSync(new URL('../../docs/errors.md', import.meta.url), 'utf8');
const entries = {
  oneroster: root,
  'oneroster/sync': sync,
  'oneroster/registry': registry,
  'oneroster/csv': csv,
};

/** The error classes an entry point exports, by their exported name. */
function errorClassNames(entry: Record<string, unknown>): string[] {
  return Object.entries(entry)
    .filter(
      ([, value]) =>
        typeof value === 'function' &&
        (value === root.OneRosterError || value.prototype instanceof root.OneRosterError),
    )
    .map(([name]) => name);
}

describe('docs/errors.md', () => {
  it.each(Object.entries(entries))('names every error class of %s, and its guard', (path, entry) => {
    const classes = errorClassNames(entry);
    expect(classes.length, path).toBeGreaterThan(0);
    const guards = Object.keys(entry).filter((name) => /^is[A-Z]\w*Error$/.test(name));
    const missing = [...classes, ...guards].filter((name) => !GUIDE.includes(`\`${name}\``));
    expect(missing).toEqual([]);
  });
});
