import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import type { TestProject } from 'vitest/node';

declare module 'vitest' {
  export interface ProvidedContext {
    /** Why dist/ could not be rebuilt; the built-package tests fail with it (test/helpers/built-package.ts). */
    buildError?: string;
  }
}

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const DIST = join(ROOT, 'dist');
/** What a build reads besides src/: a change to either makes dist/ stale too. */
const BUILD_INPUTS = ['tsup.config.ts', 'package.json', 'tsconfig.json', 'tsconfig.build.json'];
/** Entry points of tsup.config.ts, each built as ESM, CommonJS and declarations; the CLI as ESM. */
const ENTRIES = ['index', 'sync', 'sqlite', 'postgres', 'registry', 'testing', 'testing/msw'];
const OUTPUTS = [
  'cli.js',
  ...ENTRIES.flatMap((entry) => [`${entry}.js`, `${entry}.cjs`, `${entry}.d.ts`, `${entry}.d.cts`]),
];
/** Two test runs started at once (engineers share a work tree) must not write dist/ together. */
const LOCK = join(ROOT, 'node_modules', '.cache', 'oneroster-build.lock');
/** A build with declarations takes well under a minute; a lock older than this was left by a killed run. */
const LOCK_STALE_MS = 300_000;
const LOCK_POLL_MS = 250;
const BUILD_TIMEOUT_MS = 300_000;
const BUILD_OUTCOME = Symbol.for('oneroster.test.build-outcome');

function newestMtimeMs(path: string): number {
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const name of readdirSync(path)) newest = Math.max(newest, newestMtimeMs(join(path, name)));
  return newest;
}

/** Why dist/ cannot be trusted (a missing entry point, or a source newer than the build), or undefined. */
export function staleBuildReason(): string | undefined {
  let builtAt = Number.POSITIVE_INFINITY;
  for (const output of OUTPUTS) {
    const path = join(DIST, output);
    if (!existsSync(path)) return `dist/${output} is missing`;
    builtAt = Math.min(builtAt, statSync(path).mtimeMs);
  }
  const inputs = [join(ROOT, 'src'), ...BUILD_INPUTS.map((name) => join(ROOT, name)).filter(existsSync)];
  const changedAt = Math.max(...inputs.map(newestMtimeMs));
  return changedAt > builtAt ? 'src/ changed after dist/ was built' : undefined;
}

function lockHolder(): number | undefined {
  try {
    const pid = Number(readFileSync(join(LOCK, 'pid'), 'utf8'));
    return Number.isInteger(pid) && pid > 0 ? pid : undefined;
  } catch {
    return undefined;
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

async function withBuildLock<T>(work: () => Promise<T>): Promise<T> {
  mkdirSync(join(LOCK, '..'), { recursive: true });
  for (;;) {
    try {
      mkdirSync(LOCK);
      writeFileSync(join(LOCK, 'pid'), String(process.pid));
      break;
    } catch {
      // A lock whose holder died (or that is far older than a build) was left by a killed run.
      const age = Date.now() - (existsSync(LOCK) ? statSync(LOCK).mtimeMs : 0);
      const holder = lockHolder();
      if (age > LOCK_STALE_MS || (holder !== undefined && !isAlive(holder))) {
        rmSync(LOCK, { recursive: true, force: true });
      } else {
        await new Promise((resolve) => setTimeout(resolve, LOCK_POLL_MS));
      }
    }
  }
  try {
    return await work();
  } finally {
    rmSync(LOCK, { recursive: true, force: true });
  }
}

/**
 * vitest globalSetup: the CLI, package and kill-and-resume tests run the BUILT package, so a run after a
 * source edit rebuilds dist/ first (`npm test` builds in its pretest; `npx vitest run` does not). When
 * dist/ is newer than every source it costs one walk of src/'s timestamps. A failed build does not stop
 * the tests of the sources: it is handed to the built-package tests, which fail with it.
 */
export async function setup(project: TestProject): Promise<void> {
  // The tests then run the build that variable names (see test/helpers/built-package.ts).
  if (process.env['ONEROSTER_DIST'] !== undefined) return;
  // Once per run: each vitest project calls its global setup.
  const shared = globalThis as { [BUILD_OUTCOME]?: Promise<string | undefined> };
  shared[BUILD_OUTCOME] ??= rebuildIfStale();
  const buildError = await shared[BUILD_OUTCOME];
  if (buildError !== undefined) project.provide('buildError', buildError);
}

/** Rebuilds a stale dist/; resolves with why that failed, or undefined. */
async function rebuildIfStale(): Promise<string | undefined> {
  if (staleBuildReason() === undefined) return undefined;
  return withBuildLock(async () => {
    // Another run may have built while this one waited for the lock.
    const reason = staleBuildReason();
    if (reason === undefined) return undefined;
    console.info(`\n${reason}: rebuilding it with tsup before the tests.\n`);
    try {
      await promisify(execFile)('npx', ['tsup', '--silent'], {
        cwd: ROOT,
        timeout: BUILD_TIMEOUT_MS,
        maxBuffer: 16 * 1024 * 1024,
      });
      return undefined;
    } catch (error) {
      const output = error as { stdout?: string; stderr?: string; message?: string };
      const detail = `${output.stderr || output.stdout || output.message}`.trim();
      const message = `dist/ is stale (${reason}) and rebuilding it failed:\n${detail}`;
      console.error(`\n*** ${message}\n*** The tests of the built package will FAIL.\n`);
      return message;
    }
  });
}
