import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { MockServer } from '../../src/testing/index.js';
import { startMock } from './mock-env.js';
import { runMain } from './run-main.js';

let server: MockServer;
let env: Record<string, string>;
let dir: string;
beforeEach(async () => {
  ({ server, env } = await startMock());
  dir = mkdtempSync(join(tmpdir(), 'oneroster-cli-review-'));
});
afterEach(async () => {
  await server.close();
  rmSync(dir, { recursive: true, force: true });
});

const on = () => ['--store', `sqlite:${join(dir, 'roster.db')}`, '--tenant', 'd7'];
const cli = (command: string, ...args: string[]) => runMain([command, ...on(), ...args], env);

describe('oneroster sync --review, review, approve and reject', () => {
  it('holds a sync for review with exit code 8, shows it, and commits it on approve', async () => {
    expect((await cli('review')).stderr).toContain('No run of tenant "d7" awaits review');
    const held = await cli('sync', '--review', 'always', '--quiet');
    expect(held.code).toBe(8);
    expect(held.stdout).toContain('Held for review (nothing committed): a full sync');
    const runId = /Run (\S+) awaits review/.exec(held.stderr)?.[1];
    expect(runId).toBeDefined();
    expect(held.stderr).toContain(`oneroster approve --tenant d7 --run ${runId}`);

    const again = await cli('sync', '--quiet');
    expect(again.code).toBe(8);
    expect(again.stderr).toContain(`run ${runId} awaiting review`);

    const shown = await cli('review');
    expect(shown.code).toBe(0);
    expect(shown.stdout).toContain(`Run ${runId} of tenant "d7" awaits review (full run)`);
    expect(shown.stdout).toMatch(/users\s+30\s+0\s+0\s+0/);
    const html = join(dir, 'review.html');
    expect((await cli('review', '--format', 'html', '--out', html, '--mask-names')).code).toBe(0);
    expect(readFileSync(html, 'utf8')).toContain('The run awaiting review');
    const json = JSON.parse((await cli('review', '--format', 'json')).stdout);
    expect(json).toMatchObject({ source: 'held-run', run: { id: runId, status: 'awaiting-review' } });

    const approved = await cli('approve', '--run', String(runId), '--json');
    expect(approved.code).toBe(0);
    expect(JSON.parse(approved.stdout)).toMatchObject({
      runId,
      status: 'committed',
      collections: { users: { inserted: 30 } },
    });
    expect((await cli('approve', '--run', String(runId))).code).toBe(1);
    expect((await cli('sync', '--quiet')).code).toBe(0);
  });

  it('rejects a held run, and asks for --run', async () => {
    const held = await cli('sync', '--review', 'always', '--quiet', '--json');
    expect(held.code).toBe(8);
    const { runId } = JSON.parse(held.stdout);
    expect((await cli('reject')).code).toBe(2);
    const rejected = await cli('reject', '--run', runId);
    expect(rejected.code).toBe(0);
    expect(rejected.stdout).toContain(`Rejected run ${runId}`);
    expect((await cli('sync', '--review', 'sometimes')).code).toBe(2);
    expect((await cli('sync', '--quiet', '--review', 'on-threshold')).code).toBe(0);
  });
});
