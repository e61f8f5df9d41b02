import { changes } from './change-log.js';
import type { RosterStore } from './roster-store.js';
import { SYNC_COLLECTIONS } from './sync-options.js';

/** The format version of an export's first line, raised when its lines change meaning. */
export const TENANT_EXPORT_FORMAT = 1;

/** What each NDJSON line of {@link exportTenant} holds, tagged by `kind`. */
export type TenantExportKind = 'export' | 'record' | 'watermark' | 'run' | 'change';

/**
 * Everything a store holds for a tenant, as NDJSON lines (each ends with a newline), streamed so
 * memory stays bounded: first `{ kind: 'export', tenant, format, exportedAt }`, then every stored
 * record, tombstones included (`{ kind: 'record', collection, record }`), each collection's
 * watermark (`{ kind: 'watermark', collection, watermark }`), the runs newest first with their
 * counts (`{ kind: 'run', run }`), and the change log in seq order (`{ kind: 'change', change }`).
 * For a district's request for its data, or to move a tenant to another store.
 * @example
 * const out = createWriteStream('district-7.ndjson');
 * for await (const line of exportTenant(store, 'district-7')) out.write(line);
 */
export async function* exportTenant(store: RosterStore, tenant: string): AsyncGenerator<string> {
  const line = (value: Record<string, unknown>) => `${JSON.stringify(value)}\n`;
  yield line({ kind: 'export', tenant, format: TENANT_EXPORT_FORMAT, exportedAt: new Date().toISOString() });
  const runs = await store.listRuns(tenant);
  // The sync's collections, and any other a caller committed to the store directly.
  const collections = new Set<string>(SYNC_COLLECTIONS);
  for (const run of runs) for (const collection of run.committed) collections.add(collection);
  for (const collection of collections) {
    for await (const record of store.iterate(tenant, collection))
      yield line({ kind: 'record', collection, record });
  }
  for (const collection of collections) {
    const watermark = await store.getWatermark(tenant, collection);
    if (watermark !== undefined) yield line({ kind: 'watermark', collection, watermark });
  }
  for (const run of runs) yield line({ kind: 'run', run });
  for await (const change of changes(store, tenant)) yield line({ kind: 'change', change });
}
