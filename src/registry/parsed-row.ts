import type { ConnectionRow, JsonValue } from '../sync/index.js';
import type { Connection, ConnectionStatus, SecretField } from './connection-types.js';
import { hostKey } from './host-caps.js';
import {
  StatusSchema,
  StoredSecretsSchema,
  type StoredSettings,
  StoredSettingsSchema,
  type StoredState,
  StoredStateSchema,
} from './stored-connection.js';

/** A stored row with its documents parsed. */
export interface ParsedRow {
  readonly row: ConnectionRow;
  readonly status: ConnectionStatus;
  readonly settings: StoredSettings;
  readonly state: StoredState;
  readonly secrets: Partial<Record<SecretField, JsonValue>>;
}

/**
 * Reads a row back. Only the registry writes rows, so one that does not parse was edited by hand or
 * written by a newer version: say which document, never what it holds.
 */
export function parseRow(row: ConnectionRow): ParsedRow {
  const read = <T>(
    schema: { safeParse(value: unknown): { success: true; data: T } | { success: false } },
    value: unknown,
    what: string,
  ): T => {
    const parsed = schema.safeParse(value);
    if (!parsed.success) {
      throw new Error(
        `oneroster/registry: the stored ${what} of connection ${JSON.stringify(row.tenant)} does not parse`,
      );
    }
    return parsed.data;
  };
  return {
    row,
    status: read(StatusSchema, row.status, 'status'),
    settings: read(StoredSettingsSchema, row.settings, 'settings'),
    state: read(StoredStateSchema, row.state, 'state'),
    secrets: read(StoredSecretsSchema, row.secrets, 'secrets'),
  };
}

/** What the registry shows of a connection: no secret, only which fields are sealed under which key. */
export function toConnection(parsed: ParsedRow): Connection {
  const { settings, state, row } = parsed;
  const secrets: Partial<Record<SecretField, { keyId: string }>> = {};
  for (const [field, envelope] of Object.entries(parsed.secrets)) {
    const keyId: unknown =
      typeof envelope === 'object' && envelope !== null ? Reflect.get(envelope, 'keyId') : undefined;
    if (field === 'clientSecret' || field === 'consumerSecret' || field === 'token') {
      secrets[field] = { keyId: typeof keyId === 'string' ? keyId : 'unknown' };
    }
  }
  return {
    tenant: row.tenant,
    baseUrl: settings.baseUrl,
    host: hostKey(settings.baseUrl),
    version: settings.version,
    auth: { ...settings.auth, secrets },
    timeZone: settings.timeZone,
    schedule: settings.schedule,
    windows: settings.windows,
    pauseAtWindowEnd: settings.pauseAtWindowEnd,
    blackouts: settings.blackouts,
    limits: settings.limits,
    status: parsed.status,
    lastSlot: state.lastSlot,
    lastOutcome: state.lastOutcome,
    requested: state.requested,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
}
