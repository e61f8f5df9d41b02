// The benchmark's provider: `startMockServer` in its own process, so the server's JSON generation
// never competes with the client's event loop. Started with a JSON options argument; answers IPC
// messages `stats`, `reset` and `close`. Prints nothing: the parent reads the address over IPC.
import { importDist } from './lib.mjs';

// The provider is always the current build's, so a --dist comparison changes only the client.
process.env.ONEROSTER_BENCH_DIST = '';
const { generateDistrict, startMockServer } = await importDist('testing');

const config = JSON.parse(process.argv[2] ?? '{}');
const { district = { preset: 'large', seed: 7 }, ...serverOptions } = config;

const server = await startMockServer({
  district: generateDistrict(district),
  ...serverOptions,
});

function counts() {
  const district = server.provider.district;
  const collections = [
    'orgs',
    'academicSessions',
    'courses',
    'classes',
    'users',
    'enrollments',
    'demographics',
  ];
  return Object.fromEntries(collections.map((name) => [name, district.count(name)]));
}

/** This process's CPU time at the last reset: the provider's own cost of what was served since. */
let cpuAtReset = process.cpuUsage();

process.on('message', async (message) => {
  switch (message.type) {
    case 'stats': {
      const cpu = process.cpuUsage(cpuAtReset);
      const stats = { ...JSON.parse(JSON.stringify(server.stats)), cpuMs: (cpu.user + cpu.system) / 1000 };
      process.send({ type: 'stats', id: message.id, stats });
      return;
    }
    case 'reset':
      server.stats.reset();
      cpuAtReset = process.cpuUsage();
      process.send({ type: 'reset', id: message.id });
      return;
    case 'close':
      await server.close();
      process.send({ type: 'closed', id: message.id });
      process.disconnect();
      return;
  }
});
// A parent that died must not leave the server running.
process.on('disconnect', () => {
  void server.close().finally(() => process.exit(0));
});

process.send({
  type: 'ready',
  baseUrl: server.baseUrl,
  tokenUrl: server.tokenUrl,
  clientId: server.clientId,
  clientSecret: server.clientSecret,
  bearerToken: server.bearerToken,
  counts: counts(),
  pid: process.pid,
});
