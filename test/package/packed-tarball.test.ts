import { execFile } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { requireBuilt } from '../helpers/built-package.js';

const run = promisify(execFile);
const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const FIXTURES = fileURLToPath(new URL('./consumer/', import.meta.url));
/** The entry points of package.json `exports`, as built files of dist/ (test/setup/build.ts rebuilds them). */
const BUILT = [
  'index',
  'sync',
  'sqlite',
  'postgres',
  'registry',
  'csv',
  'pg-boss',
  'testing',
  'testing/msw',
].flatMap((entry) => [`${entry}.js`, `${entry}.cjs`]);
const OPTIONAL_PEERS = ['better-sqlite3', 'pg', 'pg-copy-streams', 'msw'];

/** What test/package/consumer/checks.mjs prints. */
interface ErrorReport {
  name: string;
  code?: string;
  message: string;
  packageName?: string;
  entryPoint?: string;
  instanceOfRoot: boolean;
  guardedByRoot: boolean;
  /** Missing drivers only: an `instanceof` the `MissingDependencyError` of oneroster/sync. */
  instanceOfSync?: boolean;
}
interface ConsumerReport {
  format: 'esm' | 'cjs';
  exports: Record<
    'root' | 'sync' | 'sqlite' | 'postgres' | 'testing' | 'registry' | 'csv' | 'pgBoss',
    number
  >;
  identity: { massDeletion: ErrorReport; storeRefusal: ErrorReport; unknownConnection: ErrorReport };
  missingDrivers: { sqlite: ErrorReport; postgres: ErrorReport };
  msw: ErrorReport;
  mockServer: { schools: number };
}

/** Compiled with `module: commonjs`, whose default resolution (node10) reads `typesVersions`, not `exports`. */
const NODE10_CONSUMER = `
import { createOneRosterClient, type OneRosterError } from 'oneroster';
import { writeCsvPackage } from 'oneroster/csv';
import { createPgBossWorker } from 'oneroster/pg-boss';
import { createPostgresStore } from 'oneroster/postgres';
import { createConnectionRegistry } from 'oneroster/registry';
import { createSqliteStore } from 'oneroster/sqlite';
import { MassDeletionError, type SyncOptions, syncRoster } from 'oneroster/sync';
import { generateDistrict, startMockServer } from 'oneroster/testing';
import { createMockProvider } from 'oneroster/testing/msw';

export const error: OneRosterError = new MassDeletionError({
  tenant: 'district-7', collection: 'users', reason: 'empty', stored: 10, wouldDelete: 10, fraction: 1, threshold: 0.2,
});
export const sync: (options: SyncOptions) => Promise<unknown> = syncRoster;
export const entries = [createOneRosterClient, createPostgresStore, createSqliteStore, generateDistrict, startMockServer, createMockProvider, writeCsvPackage, createPgBossWorker, createConnectionRegistry];
`;

/** The packages `name` needs at run time, itself included, as installed in the repository's node_modules. */
function dependencyClosure(names: readonly string[]): Set<string> {
  const seen = new Set<string>();
  const visit = (name: string): void => {
    if (seen.has(name)) return;
    seen.add(name);
    const manifest = JSON.parse(readFileSync(join(ROOT, 'node_modules', name, 'package.json'), 'utf8')) as {
      dependencies?: Record<string, string>;
    };
    for (const dependency of Object.keys(manifest.dependencies ?? {})) visit(dependency);
  };
  for (const name of names) visit(name);
  return seen;
}

/**
 * A consumer project with oneroster installed from the tarball `npm pack` makes: the tarball's files
 * only, and of the other packages only the runtime dependencies package.json declares (linked from
 * the repository's node_modules, so no network is needed), never an optional peer.
 */
async function installPackedTarball(scratch: string): Promise<string> {
  const { stdout } = await run('npm', ['pack', '--json', '--ignore-scripts', '--pack-destination', scratch], {
    cwd: ROOT,
  });
  const [packed] = JSON.parse(stdout) as [{ filename: string }];
  const consumer = join(scratch, 'consumer');
  const installed = join(consumer, 'node_modules', 'oneroster');
  mkdirSync(installed, { recursive: true });
  await run('tar', ['-xzf', join(scratch, packed.filename), '-C', installed, '--strip-components=1']);
  const manifest = JSON.parse(readFileSync(join(installed, 'package.json'), 'utf8')) as {
    dependencies: Record<string, string>;
  };
  for (const name of dependencyClosure(Object.keys(manifest.dependencies))) {
    mkdirSync(join(consumer, 'node_modules', name, '..'), { recursive: true });
    symlinkSync(join(ROOT, 'node_modules', name), join(consumer, 'node_modules', name), 'dir');
  }
  writeFileSync(join(consumer, 'package.json'), JSON.stringify({ name: 'consumer', private: true }));
  cpSync(FIXTURES, consumer, { recursive: true });
  return consumer;
}

async function runConsumer(consumer: string, script: string): Promise<ConsumerReport> {
  // No NODE_PATH: a driver found outside the consumer would hide a missing-driver error.
  const { NODE_PATH: _, ...env } = process.env;
  const { stdout } = await run(process.execPath, [script], { cwd: consumer, env });
  return JSON.parse(stdout) as ConsumerReport;
}

describe('the packed package, installed without its optional peers', () => {
  let scratch: string;
  let consumer: string;
  const reports = new Map<'esm' | 'cjs', ConsumerReport>();

  beforeAll(async () => {
    requireBuilt(...BUILT);
    scratch = mkdtempSync(join(tmpdir(), 'oneroster-pack-'));
    consumer = await installPackedTarball(scratch);
    const [esm, cjs] = await Promise.all([
      runConsumer(consumer, 'consumer.mjs'),
      runConsumer(consumer, 'consumer.cjs'),
    ]);
    reports.set('esm', esm);
    reports.set('cjs', cjs);
  });
  afterAll(() => {
    if (scratch !== undefined) rmSync(scratch, { recursive: true, force: true });
  });

  const report = (format: 'esm' | 'cjs'): ConsumerReport => {
    const found = reports.get(format);
    if (found === undefined) throw new Error(`the ${format} consumer did not report`);
    return found;
  };

  it('ships the license, the guides and the changelog, and no optional peer is installed', () => {
    const files = ['LICENSE', 'README.md', 'CHANGELOG.md', 'docs/stores.md', 'docs/testing.md'];
    for (const file of files) {
      expect(readFileSync(join(consumer, 'node_modules', 'oneroster', file), 'utf8').length).toBeGreaterThan(
        0,
      );
    }
    for (const peer of OPTIONAL_PEERS) {
      expect(() => readFileSync(join(consumer, 'node_modules', peer, 'package.json'))).toThrow(/ENOENT/);
    }
  });

  it.each(['esm', 'cjs'] as const)('loads every entry point with %s', (format) => {
    const { exports } = report(format);
    expect(Object.keys(exports).sort()).toEqual([
      'csv',
      'pgBoss',
      'postgres',
      'registry',
      'root',
      'sqlite',
      'sync',
      'testing',
    ]);
    for (const count of Object.values(exports)) expect(count).toBeGreaterThan(0);
    expect(exports).toEqual(report(format === 'esm' ? 'cjs' : 'esm').exports);
  });

  it.each(['esm', 'cjs'] as const)(
    'keeps one class identity across entry points with %s: a sync error is a OneRosterError of the root',
    (format) => {
      const { massDeletion, storeRefusal, unknownConnection } = report(format).identity;
      expect(massDeletion).toMatchObject({
        name: 'MassDeletionError',
        instanceOfRoot: true,
        guardedByRoot: true,
      });
      expect(storeRefusal).toMatchObject({
        name: 'StoreRefusalError',
        instanceOfRoot: true,
        guardedByRoot: true,
      });
      expect(unknownConnection).toMatchObject({
        name: 'UnknownConnectionError',
        instanceOfRoot: true,
        guardedByRoot: true,
      });
    },
  );

  it.each(['esm', 'cjs'] as const)(
    'serves the mock provider from oneroster/testing without msw, with %s',
    (format) => {
      expect(report(format).mockServer.schools).toBeGreaterThan(0);
    },
  );

  it.each(['esm', 'cjs'] as const)(
    'names the driver to install when a store is created without it, with %s',
    (format) => {
      const { sqlite, postgres } = report(format).missingDrivers;
      expect(sqlite).toMatchObject({
        name: 'MissingDependencyError',
        packageName: 'better-sqlite3',
        entryPoint: 'oneroster/sqlite',
        instanceOfRoot: true,
        instanceOfSync: true,
      });
      expect(sqlite.message).toContain('npm install better-sqlite3');
      expect(postgres).toMatchObject({
        name: 'MissingDependencyError',
        packageName: 'pg',
        entryPoint: 'oneroster/postgres',
        instanceOfRoot: true,
        instanceOfSync: true,
      });
      expect(postgres.message).toContain('npm install pg');
    },
  );

  it.each(['esm', 'cjs'] as const)(
    'needs msw only for oneroster/testing/msw, and says so, with %s',
    (format) => {
      const { msw } = report(format);
      expect(msw.code).toMatch(/^(ERR_)?MODULE_NOT_FOUND$/);
      expect(msw.message).toMatch(/['"]msw['"]/);
    },
  );

  it('resolves the types of every subpath under module: commonjs (node10 resolution)', async () => {
    writeFileSync(join(consumer, 'node10.ts'), NODE10_CONSUMER);
    writeFileSync(
      join(consumer, 'tsconfig.json'),
      JSON.stringify({
        // skipLibCheck: the declarations name the optional peers' types, which this consumer lacks.
        compilerOptions: {
          module: 'commonjs',
          target: 'es2022',
          strict: true,
          noEmit: true,
          skipLibCheck: true,
        },
        files: ['node10.ts'],
      }),
    );
    const tsc = join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc');
    const result = await run(process.execPath, [tsc, '-p', consumer]).catch(
      (error: { stdout?: string; message: string }) => ({ stdout: error.stdout ?? error.message }),
    );
    expect(result.stdout).toBe('');
  });
});
