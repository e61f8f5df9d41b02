// Run in the scratch consumer of test/package/packed-tarball.test.ts, where oneroster is installed from
// its tarball without the optional peers (better-sqlite3, pg, msw). Imports nothing itself: it gets
// the entry points as loaded by consumer.mjs (import) or consumer.cjs (require), and prints a report.

/** What an error says about itself, for the report. */
function describeError(error, root, sync) {
  return {
    instanceOfSync: sync === undefined ? undefined : error instanceof sync.MissingDependencyError,
    name: error?.name,
    code: error?.code,
    message: String(error?.message ?? error),
    packageName: error?.packageName,
    entryPoint: error?.entryPoint,
    instanceOfRoot: error instanceof root.OneRosterError,
    guardedByRoot: root.isOneRosterError(error),
  };
}

function thrownBy(work, root, sync) {
  try {
    work();
  } catch (error) {
    return describeError(error, root, sync);
  }
  return undefined;
}

async function rejectedBy(work, root) {
  try {
    await work();
  } catch (error) {
    return describeError(error, root);
  }
  return undefined;
}

/** Lists a tiny district's schools from the mock server with the client: node:http, ky, zod. */
async function pullFromMockServer({ root, testing }) {
  const server = await testing.startMockServer({ district: testing.generateDistrict({ preset: 'tiny' }) });
  try {
    const client = root.createOneRosterClient({
      baseUrl: server.baseUrl,
      auth: root.oauth2ClientCredentials({
        tokenUrl: server.tokenUrl,
        clientId: server.clientId,
        clientSecret: server.clientSecret,
      }),
    });
    const schools = await client.schools.list().toArray({ maxItems: 100 });
    return { schools: schools.length };
  } finally {
    await server.close();
  }
}

/** The error of the registry for a tenant it has no connection for, on the memory store. */
async function unknownConnection({ root, sync, registry }) {
  const data = sync.createMemoryStoreData();
  const keys = registry.localKeyProvider({
    keys: { k1: Buffer.alloc(32, 1).toString('base64') },
    current: 'k1',
  });
  const connections = registry.createConnectionRegistry({
    store: sync.createMemoryStore({ data }),
    storage: sync.createMemoryConnectionStorage({ data }),
    keys,
  });
  return rejectedBy(() => connections.clientFor('no-such-district'), root);
}

export async function runChecks(format, entries, loadMsw) {
  const { root, sync, sqlite, postgres } = entries;
  const massDeletion = new sync.MassDeletionError({
    tenant: 'district-7',
    collection: 'users',
    reason: 'fraction',
    stored: 10,
    wouldDelete: 9,
    fraction: 0.9,
    threshold: 0.2,
  });
  const memory = sync.createMemoryStore();
  const dryRun = await memory.beginRun('district-7', { mode: 'full', dryRun: true });
  const refusal = await rejectedBy(() => memory.commit(dryRun, 'users'), root);
  const report = {
    format,
    exports: Object.fromEntries(
      Object.entries(entries).map(([name, entry]) => [name, Object.keys(entry).length]),
    ),
    identity: {
      massDeletion: describeError(massDeletion, root),
      storeRefusal: refusal,
      unknownConnection: await unknownConnection(entries),
    },
    missingDrivers: {
      sqlite: thrownBy(() => sqlite.createSqliteStore({ path: ':memory:' }), root, sync),
      postgres: thrownBy(
        () => postgres.createPostgresStore({ connectionString: 'postgres://roster@127.0.0.1:1/roster' }),
        root,
        sync,
      ),
    },
    msw: await rejectedBy(loadMsw, root),
    mockServer: await pullFromMockServer(entries),
  };
  process.stdout.write(`${JSON.stringify(report)}\n`);
}
