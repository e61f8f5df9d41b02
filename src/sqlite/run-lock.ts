import { hostname } from 'node:os';

/** A tenant's lock row: which run holds the tenant, and which process holds the run. */
export interface LockRow {
  run_id: string;
  token: string;
  pid: number;
  host: string;
}

/**
 * Tokens of the locks held by stores in this process. Process-wide, so a second store on the same
 * file in this process sees the first one's runs as live rather than crashed.
 */
const heldTokens = new Set<string>();

/** Registers a lock this process now holds. */
export function holdToken(token: string): void {
  heldTokens.add(token);
}

/** Forgets a lock this process released or lost. */
export function releaseToken(token: string): void {
  heldTokens.delete(token);
}

/** The process identity written into a lock row. */
export function lockOwner(): { pid: number; host: string } {
  return { pid: process.pid, host: hostname() };
}

/**
 * Whether a lock row belongs to a process that is still running. SQLite has no session that dies
 * with its process (PostgreSQL's advisory locks do), so the row names its process and a later
 * process probes it: a lock left by a SIGKILLed worker is taken over rather than blocking forever.
 */
export function isLockLive(lock: LockRow): boolean {
  if (heldTokens.has(lock.token)) return true;
  // Another machine's processes cannot be probed; SQLite over a network filesystem is unsafe anyway.
  if (lock.host !== hostname()) return true;
  // Our own pid with a token we do not hold: an earlier life of this pid, as after a container restart.
  if (lock.pid === process.pid) return false;
  try {
    process.kill(lock.pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to another user.
    return error instanceof Error && 'code' in error && error.code === 'EPERM';
  }
}
