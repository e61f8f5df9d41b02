import type { OneRosterVersion } from '../index.js';
import type { ResolvedSyncOptions } from './resolve-sync-options.js';
import { VersionSwitchError } from './version-switch-error.js';

/** A run that moves a tenant from one OneRoster version to another. */
export interface VersionSwitch {
  /** The version of the tenant's last succeeded full sync. */
  readonly from: OneRosterVersion;
  /** The client's. */
  readonly to: OneRosterVersion;
}

/**
 * Whether this sync switches the tenant's OneRoster version, read from the tenant's last succeeded
 * full sync: every run after it has its version, since a switch is itself a full run. A tenant that
 * never completed a full sync has no version to switch from. Reads the store, writes nothing.
 * @throws VersionSwitchError when the versions differ and `versionSwitch` is not `'allow'`
 * @throws TypeError for an explicit `mode: 'delta'` switch: a delta cannot see re-keyed or dropped records
 */
export async function detectVersionSwitch(options: ResolvedSyncOptions): Promise<VersionSwitch | undefined> {
  const last = await options.store.lastFullSync(options.tenant);
  if (last === undefined || last.version === options.version) return undefined;
  if (options.versionSwitch !== 'allow') {
    throw new VersionSwitchError({
      tenant: options.tenant,
      storedVersion: last.version,
      clientVersion: options.version,
      lastRunId: last.id,
    });
  }
  if (options.mode === 'delta') {
    throw new TypeError(
      `syncRoster: switching tenant ${options.tenant} from OneRoster ${last.version} to ${options.version} is a full run; pass mode 'full' or 'auto'`,
    );
  }
  return { from: last.version, to: options.version };
}
