import { execFile } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIST, requireBuilt } from '../helpers/built-package.js';

const run = promisify(execFile);
const ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** Starts the pg-boss worker of the installed package and prints what `start()` threw, as JSON. */
const CHECK = (load: string) => `
${load}
const registry = { listConnections: async () => [], hostCap: async () => ({ runs: 1, requests: 1 }) };
const worker = createPgBossWorker(registry, { boss: 'postgres://127.0.0.1:9/none' });
try {
  await worker.start();
  console.log(JSON.stringify({ started: true }));
} catch (error) {
  console.log(JSON.stringify({
    name: error.name,
    packageName: error.packageName,
    entryPoint: error.entryPoint,
    message: error.message,
    guarded: isMissingDependencyError(error),
  }));
}
`;
const ESM = CHECK(`import { createPgBossWorker } from 'oneroster/pg-boss';
import { isMissingDependencyError } from 'oneroster/sync';`);
const CJS = `(async () => {${CHECK(`const { createPgBossWorker } = require('oneroster/pg-boss');
const { isMissingDependencyError } = require('oneroster/sync');`)}})();`;

/** The runtime dependencies of the package, with theirs, as package names. */
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

describe('oneroster/pg-boss without pg-boss installed', () => {
  let scratch: string;
  beforeAll(() => {
    requireBuilt('pg-boss.js', 'pg-boss.cjs', 'sync.js', 'sync.cjs');
    // A copy, not a link: Node would resolve pg-boss from the link's target, the repository.
    scratch = mkdtempSync(join(tmpdir(), 'oneroster-no-pg-boss-'));
    const installed = join(scratch, 'node_modules', 'oneroster');
    mkdirSync(installed, { recursive: true });
    cpSync(DIST, join(installed, 'dist'), { recursive: true });
    const manifest = readFileSync(join(ROOT, 'package.json'), 'utf8');
    writeFileSync(join(installed, 'package.json'), manifest);
    const dependencies = Object.keys((JSON.parse(manifest) as { dependencies: object }).dependencies);
    for (const name of dependencyClosure(dependencies)) {
      mkdirSync(join(scratch, 'node_modules', name, '..'), { recursive: true });
      symlinkSync(join(ROOT, 'node_modules', name), join(scratch, 'node_modules', name), 'dir');
    }
    writeFileSync(join(scratch, 'package.json'), JSON.stringify({ name: 'consumer', private: true }));
    writeFileSync(join(scratch, 'check.mjs'), ESM);
    writeFileSync(join(scratch, 'check.cjs'), CJS);
  });
  afterAll(() => {
    if (scratch !== undefined) rmSync(scratch, { recursive: true, force: true });
  });

  it.each(['mjs', 'cjs'])('says to install pg-boss when the worker starts (%s)', async (format) => {
    // No NODE_PATH: a pg-boss found outside the consumer would hide the error.
    const { NODE_PATH: _, ...env } = process.env;
    const { stdout } = await run(process.execPath, [`check.${format}`], { cwd: scratch, env });
    expect(JSON.parse(stdout)).toEqual({
      name: 'MissingDependencyError',
      packageName: 'pg-boss',
      entryPoint: 'oneroster/pg-boss',
      message: expect.stringContaining('npm install pg-boss'),
      guarded: true,
    });
  });
});
