// One `syncRoster` run in a fresh process, so its peak RSS is its own: the sync cases.
import { childMain, importDist, machineBusyMs, peakRssMb } from './lib.mjs';

async function openStore({ store, path, postgresUrl }) {
  if (store === 'sqlite') {
    const { createSqliteStore } = await importDist('sqlite');
    return createSqliteStore({ path });
  }
  const { createPostgresStore } = await importDist('postgres');
  // Its own schema, so a benchmark never touches the tables of the store's tests.
  return createPostgresStore({ connectionString: postgresUrl }, { schema: 'oneroster_bench' });
}

await childMain(async (input) => {
  const { createOneRosterClient, oauth2ClientCredentials } = await importDist('index');
  const { syncRoster } = await importDist('sync');
  const client = createOneRosterClient({
    baseUrl: input.baseUrl,
    auth: oauth2ClientCredentials({
      tokenUrl: input.tokenUrl,
      clientId: input.clientId,
      clientSecret: input.clientSecret,
    }),
  });
  const store = await openStore(input);
  try {
    // Wall time per phase, from the sync's own progress events: pull and stage (a collection's
    // start to its last page staged), then diff and commit (to its commit).
    const phases = { pullAndStageMs: 0, commitMs: 0 };
    let mark = 0;
    const onProgress = (event) => {
      const now = performance.now();
      if (event.type === 'collection-started') mark = now;
      else if (event.type === 'page') {
        phases.pullAndStageMs += now - mark;
        mark = now;
      } else if (event.type === 'collection-committed') {
        phases.commitMs += now - mark;
        mark = now;
      }
    };
    const started = performance.now();
    const cpuBefore = process.cpuUsage();
    const machineBefore = machineBusyMs();
    const result = await syncRoster({
      client,
      store,
      tenant: input.tenant,
      mode: input.mode,
      onProgress,
      // The changeLog case turns the change log off for its baseline.
      ...(input.changeLog === undefined ? {} : { changeLog: input.changeLog }),
    });
    const ms = performance.now() - started;
    // CPU time of this process (user + system): on a loaded machine, steadier than the wall time.
    const cpu = process.cpuUsage(cpuBefore);
    const cpuMs = (cpu.user + cpu.system) / 1000;
    // Every process's CPU in the same window: this client, the provider, PostgreSQL's server.
    const machineCpuMs = machineBusyMs() - machineBefore;
    const received = Object.values(result.collections).reduce((sum, report) => sum + report.received, 0);
    return {
      mode: result.mode,
      modeReason: result.modeReason,
      received,
      ms,
      cpuMs,
      machineCpuMs,
      phases,
      peakRssMb: peakRssMb(),
    };
  } finally {
    await store.close?.();
  }
});
