import { PassThrough } from 'node:stream';
import { main } from '../../src/cli/main.js';
import type { CliResult } from './cli-process.js';

/**
 * Runs the command line in this process, as `bin.ts` does with the real streams: quicker than a
 * child process, and the mock provider of the test answers it as it answers any client.
 */
export async function runMain(
  argv: readonly string[],
  env: Record<string, string> = {},
  options: { cwd?: string; isTty?: boolean } = {},
): Promise<CliResult> {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  const out: string[] = [];
  const err: string[] = [];
  stdout.on('data', (chunk: Buffer) => out.push(chunk.toString()));
  stderr.on('data', (chunk: Buffer) => err.push(chunk.toString()));
  const code = await main([...argv], {
    stdout,
    stderr,
    env,
    isTty: options.isTty ?? false,
    cwd: options.cwd ?? process.cwd(),
  });
  return { code, stdout: out.join(''), stderr: err.join('') };
}
