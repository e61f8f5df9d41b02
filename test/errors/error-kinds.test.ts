import { createRequire } from 'node:module';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import * as csv from '../../src/csv/index.js';
import * as root from '../../src/index.js';
import * as pgBoss from '../../src/pg-boss/index.js';
import * as postgres from '../../src/postgres/index.js';
import * as registry from '../../src/registry/index.js';
import * as sqlite from '../../src/sqlite/index.js';
import * as sync from '../../src/sync/index.js';
import * as testing from '../../src/testing/index.js';
import * as testingMsw from '../../src/testing/msw.js';
import { DIST, requireBuilt } from '../helpers/built-package.js';

type ErrorClass = (abstract new (...args: never[]) => Error) & { readonly kind?: unknown };

function errorClasses(entry: Record<string, unknown>): [string, ErrorClass][] {
  return Object.entries(entry).filter(
    (pair): pair is [string, ErrorClass] =>
      typeof pair[1] === 'function' &&
      (pair[1] === root.OneRosterError || pair[1].prototype instanceof root.OneRosterError),
  );
}

/** The entry points that declare error classes. */
const entries = {
  oneroster: root,
  'oneroster/sync': sync,
  'oneroster/registry': registry,
  'oneroster/csv': csv,
};
/** Every entry point of package.json `exports`. */
const allEntries = {
  ...entries,
  'oneroster/sqlite': sqlite,
  'oneroster/postgres': postgres,
  'oneroster/pg-boss': pgBoss,
  'oneroster/testing': testing,
  'oneroster/testing/msw': testingMsw,
};

describe('each error class and its guard', () => {
  it.each(Object.entries(entries))('%s: every class declares its own kind, named after it', (_, entry) => {
    const classes = errorClasses(entry);
    expect(classes.length).toBeGreaterThan(0);
    for (const [exported, errorClass] of classes) {
      expect(Object.hasOwn(errorClass, 'kind'), exported).toBe(true);
      expect(errorClass.kind).toBe(exported);
    }
  });

  it.each(Object.entries(entries))('%s: exports one guard per class, beside it', (_, entry) => {
    const exports: Record<string, unknown> = entry;
    for (const [name, errorClass] of errorClasses(entry)) {
      const guard = exports[`is${name.replace(/^OneRosterHttp/, 'Http')}`];
      expect(typeof guard, name).toBe('function');
      if (typeof guard !== 'function') continue;
      // An error of another copy: the registered brand valued with its kind chain, no shared class.
      const foreign = Object.defineProperty(new Error('x'), Symbol.for('oneroster.error'), {
        value: [errorClass.kind, 'OneRosterError'],
      });
      expect(guard(foreign), name).toBe(true);
      expect(guard(new Error('x')), name).toBe(false);
    }
  });

  it('exports each error class and each guard from one entry point only', () => {
    const homes = new Map<string, string[]>();
    for (const [path, entry] of Object.entries(allEntries)) {
      const names = Object.entries(entry as Record<string, unknown>)
        .filter(
          ([name, value]) => errorClasses({ [name]: value }).length > 0 || /^is[A-Z]\w*Error$/.test(name),
        )
        .map(([name]) => name);
      for (const name of names) homes.set(name, [...(homes.get(name) ?? []), path]);
    }
    expect(homes.size).toBeGreaterThan(40);
    const twice = [...homes].filter(([, paths]) => paths.length > 1);
    expect(twice).toEqual([]);
  });

  it('keeps the mass-deletion guard in oneroster/sync only, typed to its class', () => {
    expect('isMassDeletionError' in root).toBe(false);
    expect(typeof sync.isMassDeletionError).toBe('function');
  });

  it('gives the base error no knowledge of its subclasses: a new one needs only its kind', () => {
    class CustomError extends root.OneRosterError {
      static override readonly kind = 'CustomError';
    }
    const isCustomError = root.createErrorGuard(CustomError);
    const error = new CustomError('x');
    expect(error.name).toBe('CustomError');
    expect(isCustomError(error)).toBe(true);
    expect(root.isOneRosterError(error)).toBe(true);
    expect(isCustomError(new root.OneRosterError('x'))).toBe(false);
  });
});

describe('guards across copies of the package', () => {
  it('recognise errors of the other build (ESM and CommonJS load as two copies)', async () => {
    requireBuilt('index.js', 'index.cjs', 'sync.js', 'sync.cjs');
    const require = createRequire(import.meta.url);
    const cjs: typeof root = require(join(DIST, 'index.cjs'));
    const cjsSync: typeof sync = require(join(DIST, 'sync.cjs'));
    const esm: typeof root = await import(join(DIST, 'index.js'));
    const esmSync: typeof sync = await import(join(DIST, 'sync.js'));

    const fromEsm = new esmSync.MassDeletionError({
      tenant: 't',
      collection: 'users',
      reason: 'fraction',
      stored: 10,
      wouldDelete: 5,
      fraction: 0.5,
      threshold: 0.1,
    });
    expect(fromEsm instanceof cjsSync.MassDeletionError).toBe(false);
    expect(cjsSync.isMassDeletionError(fromEsm)).toBe(true);
    expect(cjs.isOneRosterError(fromEsm)).toBe(true);
    expect(cjsSync.isStoreError(fromEsm)).toBe(false);

    const fromCjs = new cjs.TooManyItemsError('users', 3);
    expect(esm.isTooManyItemsError(fromCjs)).toBe(true);
    expect(esm.isOneRosterError(fromCjs)).toBe(true);
    expect(esm.isHttpError(fromCjs)).toBe(false);
  });
});
