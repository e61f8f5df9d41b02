import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { inject } from 'vitest';
import type {} from '../setup/build.js';

/**
 * The built package that the CLI, package and kill-and-resume tests run: dist/, which test/setup/build.ts
 * rebuilds when a source is newer, or the build `ONEROSTER_DIST` names.
 */
export const DIST = process.env['ONEROSTER_DIST'] ?? fileURLToPath(new URL('../../dist/', import.meta.url));

/** Fails loudly when an entry point of the build is missing, instead of skipping its tests. */
export function requireBuilt(...files: string[]): void {
  const buildError = inject('buildError');
  if (buildError !== undefined) throw new Error(buildError);
  const missing = files.filter((file) => !existsSync(join(DIST, file)));
  if (missing.length > 0) {
    throw new Error(
      `${missing.map((file) => join(DIST, file)).join(', ')} missing: run npm run build (the test run's ` +
        'global setup, test/setup/build.ts, rebuilds a stale dist/)',
    );
  }
}
