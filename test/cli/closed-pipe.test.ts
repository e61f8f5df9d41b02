import { spawn } from 'node:child_process';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { generateDistrict, type MockServer } from '../../src/testing/index.js';
import { CLI, cleanEnv, requireBuiltCli } from './cli-process.js';
import { startMock } from './mock-env.js';

beforeAll(requireBuiltCli);

let server: MockServer;
let env: Record<string, string>;
beforeEach(async () => {
  // Thousands of enrollments: far more than a pipe buffers, so the CLI is still writing when its reader goes.
  ({ server, env } = await startMock({ district: generateDistrict({ preset: 'small' }) }));
});
afterEach(() => server.close());

describe('oneroster pull into a pipe its reader closes', () => {
  it('stops quietly with exit code 0, as `oneroster pull enrollments | head -1` expects', async () => {
    const child = spawn(process.execPath, [CLI, 'pull', 'enrollments'], {
      env: cleanEnv(env),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
      stderr += chunk;
    });
    const exited = new Promise<number | null>((resolve) => child.on('close', resolve));
    let firstLine = '';
    await new Promise<void>((resolve) => {
      child.stdout.setEncoding('utf8').once('data', (chunk: string) => {
        firstLine = chunk.split('\n')[0] ?? '';
        // What `head -1` does once it has its line: it closes its end of the pipe and exits.
        child.stdout.destroy();
        resolve();
      });
    });
    expect(JSON.parse(firstLine)).toHaveProperty('sourcedId');
    expect(await exited).toBe(0);
    expect(stderr).toBe('');
  });
});
