/**
 * A vendor's worker: applies what changed in a district's roster to the application's own accounts.
 * It reads the change log after the last seq it applied, applies each change idempotently (an upsert
 * or a deactivation keyed by sourcedId, so applying one twice does no harm), and saves the seq with
 * it: a worker killed halfway resumes where it stopped, and never misses or reorders a change.
 *
 * Run after each sync: ROSTER_DB=./roster.db TENANT=district-7 npx tsx examples/apply-changes.ts
 *
 * Relative imports keep the example type-checked in this repository; in your project import from
 * 'oneroster/sync' and 'oneroster/sqlite'.
 */
import { pathToFileURL } from 'node:url';
import { createSqliteStore } from '../src/sqlite/index.js';
import { type ChangeRecord, changes, type RosterStore } from '../src/sync/index.js';

/** The application's side: its accounts, and the last seq applied (keep both in one database). */
export interface AppAccounts {
  accounts: Map<string, { username: string; active: boolean }>;
  lastAppliedSeq: number;
}

/** Applies one change to the accounts; applying it again leaves them as they are. */
function applyChange(app: AppAccounts, change: ChangeRecord): void {
  const current = app.accounts.get(change.sourcedId);
  if (change.op === 'delete' || change.op === 'tombstone') {
    if (current !== undefined) current.active = false;
  } else {
    // insert, update, revive: the changed fields of `after` (values: 'changed-fields', the default).
    const username = change.after?.['username'];
    app.accounts.set(change.sourcedId, {
      username: typeof username === 'string' ? username : (current?.username ?? change.sourcedId),
      active: true,
    });
  }
}

/** Applies every user change after `app.lastAppliedSeq`; returns how many it applied. */
export async function applyChanges(store: RosterStore, tenant: string, app: AppAccounts): Promise<number> {
  let applied = 0;
  for await (const change of changes(store, tenant, { after: app.lastAppliedSeq, collections: ['users'] })) {
    applyChange(app, change);
    // In a real application: in the same transaction as the change it follows.
    app.lastAppliedSeq = change.seq;
    applied++;
  }
  return applied;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const store = createSqliteStore({ path: process.env['ROSTER_DB'] ?? './roster.db' });
  try {
    const app: AppAccounts = { accounts: new Map(), lastAppliedSeq: 0 };
    const applied = await applyChanges(store, process.env['TENANT'] ?? 'district-7', app);
    console.log(`applied ${applied} changes, up to seq ${app.lastAppliedSeq}`);
  } finally {
    await store.close();
  }
}
