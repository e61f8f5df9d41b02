// `npm install` on a fresh clone must leave the work tree clean (README: the first command changes
// nothing tracked). npm rewrites package-lock.json when its root entry no longer matches package.json,
// or when a locked package has an optional dependency (a platform binary of esbuild, rollup, biome)
// that the lockfile lacks, which npm then resolves and adds.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

interface LockedPackage {
  readonly optional?: boolean;
  readonly dependencies?: Record<string, string>;
  readonly optionalDependencies?: Record<string, string>;
  readonly [field: string]: unknown;
}
const read = (file: string): unknown =>
  JSON.parse(readFileSync(new URL(`../../${file}`, import.meta.url), 'utf8'));
const manifest = read('package.json') as Record<string, unknown>;
const lock = read('package-lock.json') as {
  lockfileVersion: number;
  packages: Record<string, LockedPackage>;
};

/** Where Node (and npm) find `name` from the package at `from`: its own node_modules, then each parent's. */
function resolveLocked(from: string, name: string): string | undefined {
  let base = from;
  for (;;) {
    const candidate = base === '' ? `node_modules/${name}` : `${base}/node_modules/${name}`;
    if (candidate in lock.packages) return candidate;
    if (base === '') return undefined;
    const parent = base.lastIndexOf('/node_modules/');
    base = parent === -1 ? '' : base.slice(0, parent);
  }
}

/** package.json's `bin` as npm writes it into the lockfile: paths without a leading `./`. */
function normalizedBin(): Record<string, string> {
  const bin = manifest['bin'] as Record<string, string>;
  return Object.fromEntries(Object.entries(bin).map(([name, path]) => [name, path.replace(/^\.\//, '')]));
}

describe('package-lock.json is what npm install writes here', () => {
  it('records package.json as its root package', () => {
    const root = lock.packages[''] ?? {};
    expect(lock.lockfileVersion).toBe(3);
    for (const field of [
      'name',
      'version',
      'license',
      'bin',
      'engines',
      'dependencies',
      'devDependencies',
      'peerDependencies',
      'peerDependenciesMeta',
    ]) {
      expect(root[field], field).toEqual(field === 'bin' ? normalizedBin() : manifest[field]);
    }
  });

  it('locks every optional dependency of a locked package, for every platform', () => {
    const missing: string[] = [];
    let platformBinaries = 0;
    for (const [path, entry] of Object.entries(lock.packages)) {
      for (const name of Object.keys(entry.optionalDependencies ?? {})) {
        if (resolveLocked(path, name) === undefined) missing.push(`${path || '(root)'} → ${name}`);
        else platformBinaries++;
      }
    }
    expect(missing).toEqual([]);
    // esbuild alone has one binary per platform (26 in esbuild 0.25).
    expect(platformBinaries).toBeGreaterThan(26);
  });

  it('locks every dependency the root declares, so nothing is resolved at install time', () => {
    const root = lock.packages[''] ?? {};
    const declared = { ...(root['dependencies'] as object), ...(root['devDependencies'] as object) };
    const unlocked = Object.keys(declared).filter((name) => resolveLocked('', name) === undefined);
    expect(unlocked).toEqual([]);
  });
});
