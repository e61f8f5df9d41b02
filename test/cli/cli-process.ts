import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { inject } from 'vitest';
import type {} from '../setup/build.js';

/** The built executable, as `npm install -g` or `npx oneroster` runs it. */
export const CLI = fileURLToPath(new URL('../../dist/cli.js', import.meta.url));

/** What a finished `oneroster` process left. */
export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Fails clearly when the suite runs without a build, or the global setup could not rebuild a stale one. */
export function requireBuiltCli(): void {
  const buildError = inject('buildError');
  if (buildError !== undefined) throw new Error(buildError);
  if (!existsSync(CLI)) throw new Error(`${CLI} is missing: run npm run build first`);
}

/** Environment of a spawned CLI: none of the developer's ONEROSTER_* settings leak in. */
export function cleanEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [name, value] of Object.entries(process.env)) {
    if (!name.startsWith('ONEROSTER_')) env[name] = value;
  }
  return { ...env, ...extra };
}

/**
 * Runs `node dist/cli.js ...args` to the end. Asynchronous on purpose: the mock server the CLI talks
 * to lives in this process, and a synchronous spawn would block it from answering.
 */
export function runCli(
  args: readonly string[],
  options: {
    env?: Record<string, string>;
    cwd?: string;
    nodeArgs?: readonly string[];
    timeoutMs?: number;
  } = {},
): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [...(options.nodeArgs ?? []), CLI, ...args], {
      env: cleanEnv(options.env),
      cwd: options.cwd ?? process.cwd(),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      stdout += chunk;
    });
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
      stderr += chunk;
    });
    const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs ?? 60_000);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

/** A long-running `oneroster` process (serve-mock), with its first line of output. */
export interface RunningCli {
  child: ChildProcess;
  firstLine: string;
  /** Sends the signal and waits for the exit. */
  stop(signal?: NodeJS.Signals): Promise<CliResult>;
}

/** Starts `node dist/cli.js ...args` and waits for its first line on stdout. */
export function startCli(args: readonly string[], env: Record<string, string> = {}): Promise<RunningCli> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI, ...args], {
      env: cleanEnv(env),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    const exited = new Promise<CliResult>((done) => {
      child.on('close', (code) => done({ code, stdout, stderr }));
    });
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
      stderr += chunk;
    });
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      const before = stdout;
      stdout += chunk;
      if (!before.includes('\n') && stdout.includes('\n')) {
        resolve({
          child,
          firstLine: stdout.slice(0, stdout.indexOf('\n')),
          stop: (signal = 'SIGTERM') => {
            child.kill(signal);
            return exited;
          },
        });
      }
    });
    child.on('error', reject);
    void exited.then((result) => reject(new Error(`exited early (${result.code}): ${result.stderr}`)));
  });
}
