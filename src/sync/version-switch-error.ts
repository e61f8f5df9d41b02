import { createErrorGuard, OneRosterError, type OneRosterVersion } from '../index.js';

/** What {@link VersionSwitchError} reports. */
export interface VersionSwitchDetails {
  readonly tenant: string;
  /** The version of the tenant's last succeeded full sync: the version its roster is in. */
  readonly storedVersion: OneRosterVersion;
  /** The version of the client this sync was given. */
  readonly clientVersion: OneRosterVersion;
  /** The run whose version the tenant has. */
  readonly lastRunId: string;
}

/**
 * A sync was given a client of another OneRoster version than the tenant's last succeeded full sync,
 * without `versionSwitch: 'allow'`. Nothing was pulled or written. Switching a tenant's version is a
 * deliberate step: the provider may send other shapes and, like Infinite Campus, other sourcedIds,
 * so it is one full run that is checked as a whole (docs/versions.md). Run it once with
 * `versionSwitch: 'allow'` (CLI: `--version-switch allow`), or use a client of the tenant's version.
 * @example
 * catch (error) {
 *   if (isVersionSwitchError(error)) console.warn(`${error.tenant} is on ${error.storedVersion}`);
 * }
 */
export class VersionSwitchError extends OneRosterError {
  static override readonly kind = 'VersionSwitchError';
  readonly tenant: string;
  readonly storedVersion: OneRosterVersion;
  readonly clientVersion: OneRosterVersion;
  readonly lastRunId: string;

  constructor(details: VersionSwitchDetails) {
    super(
      `Tenant ${details.tenant} was synced with OneRoster ${details.storedVersion} (run ${details.lastRunId}) ` +
        `and this client speaks ${details.clientVersion}; nothing was synced. To switch the tenant to ` +
        `${details.clientVersion}, run one sync with versionSwitch: 'allow' (a full run that commits only once ` +
        `every collection is pulled and checked); to stay on ${details.storedVersion}, use a client with ` +
        `version: '${details.storedVersion}'`,
    );
    this.tenant = details.tenant;
    this.storedVersion = details.storedVersion;
    this.clientVersion = details.clientVersion;
    this.lastRunId = details.lastRunId;
  }
}

/** True for a {@link VersionSwitchError}, also one thrown by another copy of this package. */
export const isVersionSwitchError = createErrorGuard(VersionSwitchError);
