import type { ConnectionRegistry, RunRequestInput } from './connection-registry.js';
import type { PlannedSlot } from './slot-plans.js';

/**
 * Queues an extra run of the tenant now, for a vendor's admin button or a provider's webhook: the
 * next `runDueSyncs` (or pg-boss scheduler pass) runs it whatever the schedule, inside the
 * connection's windows where it has some. Debounced per tenant: a request made while one waits joins
 * it, in the stronger mode.
 * @returns the slot the run serves (its `key` is the run's identity)
 * @throws UnknownConnectionError
 * @example
 * await requestSync(registry, 'district-7', { mode: 'full', reason: 'admin: resync button' });
 */
export function requestSync(
  registry: ConnectionRegistry,
  tenant: string,
  request: RunRequestInput,
): Promise<PlannedSlot | undefined> {
  return registry.requestRun(tenant, request);
}
