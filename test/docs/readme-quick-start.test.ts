// The README's quick start, run as the README says: saved as a file and run with tsx, with the four
// ONEROSTER_* settings pointing at a mock provider (what `oneroster serve-mock` prints).
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';
import { connectionEnv } from '../../src/cli/mock/connection-env.js';
import { generateDistrict, type MockServer, startMockServer } from '../../src/testing/index.js';
import { root, snippetsOf } from './snippets.js';

let server: MockServer | undefined;
let dir: string | undefined;
afterEach(async () => {
  await server?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
  server = undefined;
  dir = undefined;
});

describe('the quick start of the README', () => {
  it('prints every student and every class of the district', async () => {
    const [quickStart] = snippetsOf('README.md');
    const district = generateDistrict({ preset: 'tiny' });
    server = await startMockServer({ district });
    dir = mkdtempSync(join(tmpdir(), 'oneroster-quick-start-'));
    const file = join(dir, 'quick-start.mts');
    writeFileSync(
      file,
      (quickStart?.source ?? '').replace(/from 'oneroster'/g, `from '${root}src/index.ts'`),
    );

    const { stdout } = await promisify(execFile)(join(root, 'node_modules/.bin/tsx'), [file], {
      env: { ...process.env, ...connectionEnv(server, 'oauth2') },
      timeout: 60_000,
    });

    const lines = stdout.trim().split('\n');
    const students = lines.filter((line) => /^\S+ \S+ \S+/.test(line) && !line.includes(': '));
    const classes = lines.filter((line) => line.includes(': '));
    expect(students).toHaveLength(district.shape.students);
    expect(classes).toHaveLength(district.shape.counts.classes);
    expect(server.stats.fieldsRequested['users']).toEqual(
      expect.arrayContaining(['sourcedId', 'givenName', 'familyName', 'grades']),
    );
    expect(server.stats.fieldsRequested['users']).not.toContain('password');
  }, 90_000);
});
