// The child side of a kill-and-resume test. The child stops at the point the test names, tells the
// test on stdout, and blocks until it is killed, so the SIGKILL lands exactly there, however loaded the
// machine is (no polling, no race with the sync going on).
// The point comes in ONEROSTER_KILL_AT as JSON: { "collection": "users", "pages": 3 }.
import { writeSync } from 'node:fs';

/** The line the child writes on stdout when it reached the kill point; see kill-child.ts. */
export const KILL_POINT_LINE = 'oneroster-test: at the kill point';

/** Wraps a progress listener: past the kill point, announces it and blocks the process for good. */
export function stopAtKillPoint(onProgress) {
  const point = JSON.parse(process.env.ONEROSTER_KILL_AT ?? 'null');
  return (event) => {
    onProgress(event);
    if (point === null || event.type !== 'page') return;
    if (event.collection !== point.collection || event.pages < point.pages) return;
    writeSync(1, `${KILL_POINT_LINE} ${JSON.stringify(event)}\n`);
    // Nothing wakes this wait: the process does no more work until the test kills it.
    Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0);
  };
}
