import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import type { TestProject } from 'vitest/node';

declare module 'vitest' {
  export interface ProvidedContext {
    /** URL of the PostgreSQL server for the store tests; absent when none could be started. */
    postgresUrl?: string;
  }
}

const START_SCRIPT = fileURLToPath(new URL('../../.ci/start-postgres.sh', import.meta.url));
/** Installing Debian's postgresql package on a fresh machine takes a minute or two. */
const START_TIMEOUT_MS = 300_000;

/**
 * vitest globalSetup: finds or starts the PostgreSQL server of the store tests and hands its URL to
 * the test files with `provide` (globalSetup runs in the main process, so environment variables set
 * here are not a supported way to reach the workers). `ONEROSTER_TEST_POSTGRES_URL` points at a
 * server of your own instead. When no server can be started, CI fails; a local run skips the
 * PostgreSQL tests with a warning.
 */
export async function setup(project: TestProject): Promise<void> {
  const given = process.env['ONEROSTER_TEST_POSTGRES_URL'];
  if (given !== undefined && given !== '') {
    project.provide('postgresUrl', given);
    return;
  }
  try {
    const { stdout } = await promisify(execFile)('bash', [START_SCRIPT], { timeout: START_TIMEOUT_MS });
    const url = stdout.trim().split('\n').at(-1);
    if (url === undefined || !url.startsWith('postgres://')) throw new Error(`unexpected output: ${stdout}`);
    project.provide('postgresUrl', url);
  } catch (error) {
    // execFile's message already holds the script's stderr.
    const detail = error instanceof Error ? error.message : String(error);
    if (process.env['CI']) throw new Error(`PostgreSQL could not be started for the store tests: ${detail}`);
    console.warn(
      `\n*** PostgreSQL could not be started: the PostgreSQL store tests will be SKIPPED. ***\n${detail}\n` +
        'Set ONEROSTER_TEST_POSTGRES_URL to a server of your own, or fix .ci/start-postgres.sh.\n',
    );
  }
}
