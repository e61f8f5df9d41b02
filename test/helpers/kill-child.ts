import type { ChildProcess } from 'node:child_process';
import { KILL_POINT_LINE } from './kill-point.mjs';

/**
 * Resolves when the child (spawned with stdout piped) reports that it stopped at its kill point (see
 * kill-point.mjs); rejects if it exits first. No deadline of its own: the test's timeout is the bound.
 */
export function reachedKillPoint(child: ChildProcess): Promise<void> {
  return new Promise((resolve, reject) => {
    let output = '';
    const onExit = (code: number | null, signal: NodeJS.Signals | null) =>
      reject(new Error(`the child exited (${code ?? signal}) before its kill point:\n${output}`));
    child.once('exit', onExit);
    child.stdout?.setEncoding('utf8').on('data', (chunk: string) => {
      output += chunk;
      if (!output.includes(KILL_POINT_LINE)) return;
      child.off('exit', onExit);
      resolve();
    });
  });
}
