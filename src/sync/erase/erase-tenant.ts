import type { EraseReceipt, RosterStore } from '../roster-store.js';

/** Options of {@link eraseTenant}. */
export interface EraseTenantOptions {
  /**
   * The tenant again, as a typed confirmation: an erasure cannot be undone, so a tenant taken from
   * the wrong variable must not erase a district.
   */
  confirm: string;
}

/**
 * Deletes everything the store holds for a tenant (records, tombstones, staging, runs, checkpoints,
 * watermarks, deletion baselines) in one transaction, for a district's deletion request or the end
 * of its contract. The tenant then reads as never synced: its next sync is a first, full one. The
 * receipt counts the rows deleted per table and holds no personal data, so it can be kept as proof.
 * Other tenants are untouched. See docs/stores.md for what a database keeps after (SQLite: nothing;
 * PostgreSQL: dead tuples until VACUUM, WAL, backups).
 * @throws `TypeError` when `confirm` is not the tenant; `EraseRefusedError` (nothing erased) while a
 * run of the tenant is in progress, in this process or another worker.
 * @example
 * await removeConnection('district-7'); // first, so no worker starts another run
 * const receipt = await eraseTenant(store, 'district-7', { confirm: 'district-7' });
 * console.log(receipt.tables.records, 'records erased at', receipt.erasedAt);
 */
export async function eraseTenant(
  store: RosterStore,
  tenant: string,
  options: EraseTenantOptions,
): Promise<EraseReceipt> {
  if (typeof tenant !== 'string' || tenant === '') {
    throw new TypeError('eraseTenant: `tenant` must be a non-empty string');
  }
  if (options?.confirm !== tenant) {
    throw new TypeError(
      `eraseTenant: \`confirm\` must repeat the tenant (${JSON.stringify(tenant)}) to erase it; nothing was erased`,
    );
  }
  return store.eraseTenant(tenant);
}
