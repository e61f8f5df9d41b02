import * as z from 'zod/mini';
import type { ConnectionStorage, JsonValue } from '../sync/index.js';

/**
 * The most a provider host takes from all the tenants that share it (many districts share one
 * ClassLink or Infinite Campus host). The workers enforce it; the registry keeps it.
 */
export interface HostCap {
  /** Runs in progress at once against the host, across all tenants. */
  readonly runs: number;
  /** Requests in flight at once against the host, across all tenants' runs. */
  readonly requests: number;
}

/**
 * The cap of a host without one of its own: four runs at the client's default concurrency of four
 * each. Lower it for a provider that asks for less; raise it per host with `setHostCap`.
 */
export const DEFAULT_HOST_CAP: HostCap = { runs: 4, requests: 16 };

/** The storage setting that holds the caps set per host. */
const HOST_CAPS_SETTING = 'host-caps';

const HostCapSchema = z.object({ runs: z.number(), requests: z.number() });
const HostCapsSchema = z.record(z.string(), HostCapSchema);

/** The key of a host: as `URL.host` spells it (lower case, with a port other than the default). */
export function hostKey(hostOrUrl: string): string {
  // Only a scheme with `//` makes a URL: `localhost:3000` is a host and a port, not a `localhost:` URL.
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(hostOrUrl) && URL.canParse(hostOrUrl)) return new URL(hostOrUrl).host;
  if (!URL.canParse(`https://${hostOrUrl}`))
    throw new TypeError(`oneroster/registry: ${hostOrUrl} is not a host`);
  return new URL(`https://${hostOrUrl}`).host;
}

export function checkHostCap(cap: HostCap): void {
  for (const [name, value] of Object.entries(cap)) {
    if (!(Number.isInteger(value) && value >= 1)) {
      throw new TypeError(`oneroster/registry: a host cap's ${name} must be a positive whole number`);
    }
  }
}

/** The caps set per host, by host key. */
export async function readHostCaps(storage: ConnectionStorage): Promise<Record<string, HostCap>> {
  const parsed = HostCapsSchema.safeParse((await storage.readSetting(HOST_CAPS_SETTING)) ?? {});
  return parsed.success ? parsed.data : {};
}

/** Sets (or with undefined, removes) the cap of one host. */
export async function writeHostCap(
  storage: ConnectionStorage,
  host: string,
  cap: HostCap | undefined,
): Promise<void> {
  const caps = await readHostCaps(storage);
  const key = hostKey(host);
  if (cap === undefined) delete caps[key];
  else {
    checkHostCap(cap);
    caps[key] = { runs: cap.runs, requests: cap.requests };
  }
  const value: Record<string, JsonValue> = {};
  for (const [name, { runs, requests }] of Object.entries(caps)) value[name] = { runs, requests };
  await storage.writeSetting(HOST_CAPS_SETTING, value);
}
