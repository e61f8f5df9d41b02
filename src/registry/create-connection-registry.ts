import type { ConnectionRow, JsonValue } from '../sync/index.js';
import { buildClient } from './build-client.js';
import type { ConnectionRegistry, ConnectionRegistryOptions, Instant } from './connection-registry.js';
import type { Connection, SecretField } from './connection-types.js';
import { DuplicateConnectionError } from './duplicate-connection-error.js';
import { openSecret, sealSecret } from './envelope.js';
import { DEFAULT_HOST_CAP, hostKey, readHostCaps, writeHostCap } from './host-caps.js';
import { type ParsedRow, parseRow, toConnection } from './parsed-row.js';
import {
  type PlainSecrets,
  resolveAuthSecret,
  resolveAuthSettings,
  resolveSettings,
  secretFieldOf,
  settingsAsInput,
} from './resolve-settings.js';
import { heldRunIdOf, settlementOf } from './review-settlement.js';
import { rotateRowKeys } from './rotate-row-keys.js';
import { strongerMode } from './schedule.js';
import { scrubOutcomeError } from './scrub-outcome-error.js';
import { SecretDecryptionError } from './secret-decryption-error.js';
import { type DueSlot, limitsAt, nextSlotOf, slotAt, type WaitingSlot } from './slot-plans.js';
import type { StoredState } from './stored-connection.js';
import { UnknownConnectionError } from './unknown-connection-error.js';

/** Compare-and-swap attempts of one write before giving up on a row that keeps changing under it. */
const MAX_WRITE_ATTEMPTS = 8;

const SECRET_FIELDS: readonly SecretField[] = ['clientSecret', 'consumerSecret', 'token'];

/** The changes a write makes to a row; what it leaves out stays. */
interface RowChanges {
  status?: string;
  settings?: JsonValue;
  secrets?: JsonValue;
  state?: JsonValue;
}

function epochOf(at: Instant, what: string): number {
  const epochMs = typeof at === 'number' ? at : at.getTime();
  if (!Number.isFinite(epochMs)) throw new TypeError(`oneroster/registry: ${what} is not a valid time`);
  return epochMs;
}

/**
 * The connection registry over a storage (see {@link ConnectionRegistryOptions}): secrets sealed with
 * AES-256-GCM under a data key per secret, the data key wrapped by `keys`; schedules read by croner.
 * @example
 * import { createConnectionRegistry, localKeyProviderFromEnv } from 'oneroster/registry';
 * import { createSqliteConnectionStorage, createSqliteStore } from 'oneroster/sqlite';
 *
 * const registry = createConnectionRegistry({
 *   store: createSqliteStore({ path: './roster.db' }),
 *   storage: createSqliteConnectionStorage({ path: './roster.db' }),
 *   keys: localKeyProviderFromEnv(),
 * });
 * await registry.addConnection({ tenant: 'district-7', baseUrl, auth: { type: 'bearer', token } });
 * const client = await registry.clientFor('district-7');
 */
export function createConnectionRegistry(options: ConnectionRegistryOptions): ConnectionRegistry {
  const { store, storage, keys } = options;
  const now = options.now ?? Date.now;
  const defaultHostCap = options.defaultHostCap ?? DEFAULT_HOST_CAP;
  const nowIso = (): string => new Date(now()).toISOString();

  const seal = async (tenant: string, secrets: PlainSecrets): Promise<Record<string, JsonValue>> => {
    const sealed: Record<string, JsonValue> = {};
    for (const field of SECRET_FIELDS) {
      const value = secrets[field];
      if (value !== undefined) sealed[field] = await sealSecret(keys, tenant, field, value);
    }
    return sealed;
  };
  const read = async (tenant: string): Promise<ParsedRow> => {
    const row = await storage.get(tenant);
    if (row === undefined) throw new UnknownConnectionError(tenant);
    return parseRow(row);
  };
  /** Read, change, write over the revision read; again if another process wrote in between. */
  const mutate = async (
    tenant: string,
    change: (parsed: ParsedRow) => RowChanges | Promise<RowChanges>,
  ): Promise<ParsedRow> => {
    for (let attempt = 0; attempt < MAX_WRITE_ATTEMPTS; attempt++) {
      const parsed = await read(tenant);
      const changes = await change(parsed);
      const next: ConnectionRow = { ...parsed.row, ...changes, updatedAt: nowIso() };
      if (await storage.replace(next)) return parseRow({ ...next, revision: next.revision + 1 });
    }
    throw new Error(`oneroster/registry: connection ${JSON.stringify(tenant)} kept changing; try again`);
  };
  const decrypt = async (parsed: ParsedRow): Promise<string> => {
    const field = secretFieldOf(parsed.settings.auth.type);
    const tenant = parsed.row.tenant;
    if (parsed.secrets[field] === undefined)
      throw new SecretDecryptionError({ tenant, field, reason: 'malformed' });
    return openSecret(keys, tenant, field, parsed.secrets[field]);
  };
  const hostOf = async () => {
    const caps = await readHostCaps(storage);
    return (baseUrl: string) => {
      const host = hostKey(baseUrl);
      return { host, cap: caps[host] ?? defaultHostCap };
    };
  };
  const slotsAt = async (at: Instant | undefined) => {
    const epochMs = epochOf(at ?? now(), 'at');
    const [rows, host] = await Promise.all([storage.list(), hostOf()]);
    const due: DueSlot[] = [];
    const waiting: WaitingSlot[] = [];
    for (const row of rows) {
      const parsed = parseRow(row);
      const slot = slotAt(parsed, epochMs, host(parsed.settings.baseUrl));
      if (slot !== undefined && 'due' in slot) due.push(slot.due);
      else if (slot !== undefined) waiting.push(slot.waiting);
    }
    const oldestFirst = (a: { at: string; tenant: string }, b: { at: string; tenant: string }) =>
      a.at === b.at ? (a.tenant < b.tenant ? -1 : 1) : a.at < b.at ? -1 : 1;
    return { due: due.sort(oldestFirst), waiting: waiting.sort(oldestFirst) };
  };
  const setStatus = async (tenant: string, status: Connection['status']) =>
    toConnection(await mutate(tenant, () => ({ status })));

  return {
    store,
    storage,
    async addConnection(connection) {
      const tenant = connection.tenant;
      if (typeof tenant !== 'string' || tenant === '') {
        throw new TypeError('oneroster/registry: tenant must be a non-empty string');
      }
      const { tenant: _tenant, auth, ...rest } = connection;
      const settings = resolveSettings(rest, resolveAuthSettings(auth));
      const secrets = await seal(tenant, resolveAuthSecret(auth));
      const at = nowIso();
      const row = { tenant, status: 'active', settings, secrets, state: {}, createdAt: at, updatedAt: at };
      if (!(await storage.insert(row))) throw new DuplicateConnectionError(tenant);
      return toConnection(parseRow({ ...row, revision: 1 }));
    },
    async updateConnection(tenant, changes) {
      const updated = await mutate(tenant, async (parsed) => {
        const { auth, ...rest } = changes;
        const authSettings = auth === undefined ? parsed.settings.auth : resolveAuthSettings(auth);
        const plain = auth === undefined ? {} : resolveAuthSecret(auth);
        const field = secretFieldOf(authSettings.type);
        if (authSettings.type !== parsed.settings.auth.type && plain[field] === undefined) {
          throw new TypeError(`oneroster/registry: auth.${field} is required when the auth type changes`);
        }
        const input = { ...settingsAsInput(parsed.settings, rest.timeZone), ...rest };
        const settings = resolveSettings(input, authSettings);
        if (plain[field] === undefined) return { settings };
        return { settings, secrets: await seal(tenant, plain) };
      });
      return toConnection(updated);
    },
    pauseConnection: (tenant) => setStatus(tenant, 'paused'),
    resumeConnection: (tenant) => setStatus(tenant, 'active'),
    removeConnection: (tenant) => storage.delete(tenant),
    async getConnection(tenant) {
      const row = await storage.get(tenant);
      return row === undefined ? undefined : toConnection(parseRow(row));
    },
    async listConnections() {
      return (await storage.list()).map((row) => toConnection(parseRow(row)));
    },
    async clientFor(tenant, request = {}) {
      const parsed = await read(tenant);
      const secret = await decrypt(parsed);
      const limits = limitsAt(parsed.settings.limits, epochOf(request.at ?? now(), 'at'));
      return buildClient(parsed.settings, secret, limits, request.client ?? {});
    },
    rotateKeys: () => rotateRowKeys({ storage, keys, mutate }),
    async resumeReviewed(resumeOptions = {}) {
      const reviewStore = resumeOptions.store ?? store;
      const resumed: Connection[] = [];
      for (const row of await storage.list()) {
        const runId = heldRunIdOf(parseRow(row));
        if (runId === undefined) continue;
        const review = await settlementOf(reviewStore, row.tenant, runId);
        if (review === undefined) continue;
        let changed = false;
        const updated = await mutate(row.tenant, (parsed) => {
          const { lastOutcome } = parsed.state;
          changed = false;
          // Paused, resumed or run again by another process since it was read: leave it.
          if (heldRunIdOf(parsed) !== runId || lastOutcome === undefined) return {};
          changed = true;
          return { status: 'active', state: { ...parsed.state, lastOutcome: { ...lastOutcome, review } } };
        });
        if (changed) resumed.push(toConnection(updated));
      }
      return resumed;
    },
    async recordOutcome(tenant, outcome) {
      const slot = epochOf(Date.parse(outcome.slot), 'outcome.slot');
      let secrets: string[] = [];
      if (outcome.error !== undefined) {
        secrets = await decrypt(await read(tenant)).then(
          (secret) => [secret],
          // A secret that does not decrypt cannot be in the error either.
          () => [],
        );
      }
      const updated = await mutate(tenant, (parsed) => {
        const { state } = parsed;
        const served = outcome.status !== 'interrupted';
        const lastSlot = served && (state.lastSlot === undefined || Date.parse(state.lastSlot) < slot);
        const requestServed =
          served && state.requested !== undefined && Date.parse(state.requested.at) <= slot;
        const { requested, ...kept } = state;
        const next: StoredState = {
          ...kept,
          ...(requested === undefined || requestServed ? {} : { requested }),
          ...(lastSlot ? { lastSlot: new Date(slot).toISOString() } : {}),
          lastOutcome: {
            slot: new Date(slot).toISOString(),
            status: outcome.status,
            ...(outcome.mode === undefined ? {} : { mode: outcome.mode }),
            ...(outcome.runId === undefined ? {} : { runId: outcome.runId }),
            ...(outcome.startedAt === undefined ? {} : { startedAt: outcome.startedAt }),
            finishedAt: outcome.finishedAt ?? nowIso(),
            ...(outcome.error === undefined ? {} : { error: scrubOutcomeError(outcome.error, secrets) }),
          },
        };
        const held = outcome.status === 'held' && parsed.status === 'active';
        return { state: next, ...(held ? { status: 'awaiting-review' } : {}) };
      });
      return toConnection(updated);
    },
    async requestRun(tenant, request) {
      const mode = request.mode ?? 'auto';
      if (!['auto', 'full', 'delta'].includes(mode))
        throw new TypeError('oneroster/registry: mode must be auto, full or delta');
      const reason = request.reason;
      if (typeof reason !== 'string' || reason === '')
        throw new TypeError('oneroster/registry: a request needs a reason');
      const updated = await mutate(tenant, ({ state }) => {
        const waiting =
          state.requested !== undefined &&
          (state.lastSlot === undefined || Date.parse(state.requested.at) > Date.parse(state.lastSlot));
        const requested =
          waiting && state.requested !== undefined
            ? { ...state.requested, mode: strongerMode(state.requested.mode, mode) }
            : { at: nowIso(), mode, reason };
        return { state: { ...state, requested } };
      });
      return nextSlotOf(updated, now());
    },
    dueSlots: async (at) => (await slotsAt(at)).due,
    waitingSlots: async (at) => (await slotsAt(at)).waiting,
    async slotOf(tenant, at) {
      const epochMs = epochOf(at ?? now(), 'at');
      const [parsed, host] = await Promise.all([read(tenant), hostOf()]);
      const slot = slotAt(parsed, epochMs, host(parsed.settings.baseUrl));
      if (slot === undefined) return undefined;
      return 'due' in slot ? slot.due : slot.waiting;
    },
    async nextSlot(tenant, after) {
      return nextSlotOf(await read(tenant), epochOf(after ?? now(), 'after'));
    },
    async hostCap(host) {
      return (await readHostCaps(storage))[hostKey(host)] ?? defaultHostCap;
    },
    setHostCap: (host, cap) => writeHostCap(storage, host, cap),
  };
}
