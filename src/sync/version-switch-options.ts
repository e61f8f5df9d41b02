import type { RosterRecord } from './roster-store.js';

/**
 * Reads the sourcedId a record had in the tenant's previous OneRoster version, from the record the
 * provider sends in the new one; `undefined` when it carries none.
 */
export type LegacyIdReader = (record: RosterRecord) => string | undefined;

/** Where the default {@link LegacyIdReader} reads: Infinite Campus's `metadata`. */
export const DEFAULT_LEGACY_ID_FIELDS: readonly string[] = ['metadata'];

function property(value: unknown, key: string): unknown {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? Object.getOwnPropertyDescriptor(value, key)?.value
    : undefined;
}

/**
 * The default {@link LegacyIdReader}: `metadata.ic.legacysourceId`, where Infinite Campus keeps a
 * record's 1.1 sourcedId in its 1.2 service (kb.infinitecampus.com, "OneRoster - What's new in 1.2?").
 * @example infiniteCampusLegacyId({ sourcedId: 'b2f0…', metadata: { ic: { legacysourceId: '123456' } }, ... }) // '123456'
 */
export function infiniteCampusLegacyId(record: RosterRecord): string | undefined {
  const legacy = property(property(record['metadata'], 'ic'), 'legacysourceId');
  return typeof legacy === 'string' && legacy !== '' ? legacy : undefined;
}

/** The options of {@link syncRoster} that govern a change of a tenant's OneRoster version. */
export interface VersionSwitchOptions {
  /**
   * What a sync does when the client's OneRoster version differs from the version of the tenant's
   * last succeeded full sync: `refuse` throws `VersionSwitchError` before anything is pulled;
   * `allow` runs the switch, a full run that commits nothing until every collection is pulled and
   * checked, and maps re-keyed records to their new sourcedIds (see `legacyIdOf`). Pass it for the
   * one run that switches; the runs after it have the new version and need nothing.
   * @default 'refuse'
   */
  versionSwitch?: 'refuse' | 'allow';
  /**
   * In a switching run, reads the sourcedId a record had before the switch, for providers that
   * re-key records between versions: the stored record with that id is replaced by the new one
   * (counted in `rekeyed`), not retired. A switch whose records vanish and reappear under new ids
   * without a link is refused with `UnlinkedRekeyError` before anything is retired.
   * @default infiniteCampusLegacyId (`metadata.ic.legacysourceId`)
   */
  legacyIdOf?: LegacyIdReader;
  /**
   * The fields `legacyIdOf` reads. A switching run asks for them besides the selected fields, and
   * stores only the selected ones.
   * @default ['metadata']
   */
  legacyIdFields?: readonly string[];
}
