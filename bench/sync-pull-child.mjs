// The baseline of the sync case: the same client (OAuth 2.0, client defaults) pulling the same
// collections with the same fields as a default `syncRoster`, one after the other, throwing the
// records away. A sync can only be as fast as this; its ratio to this is the store's cost.
import { childMain, importDist, machineBusyMs, peakRssMb, SYNC_COLLECTIONS } from './lib.mjs';

await childMain(async (input) => {
  const { createOneRosterClient, oauth2ClientCredentials } = await importDist('index');
  const client = createOneRosterClient({
    baseUrl: input.baseUrl,
    auth: oauth2ClientCredentials({
      tokenUrl: input.tokenUrl,
      clientId: input.clientId,
      clientSecret: input.clientSecret,
    }),
  });
  const started = performance.now();
  const cpuBefore = process.cpuUsage();
  const machineBefore = machineBusyMs();
  let received = 0;
  for (const collection of SYNC_COLLECTIONS) {
    for await (const page of client[collection].list().pages()) {
      received += page.items.length + page.quarantined + page.duplicates;
    }
  }
  const ms = performance.now() - started;
  const cpu = process.cpuUsage(cpuBefore);
  const machineCpuMs = machineBusyMs() - machineBefore;
  return { received, ms, cpuMs: (cpu.user + cpu.system) / 1000, machineCpuMs, peakRssMb: peakRssMb() };
});
