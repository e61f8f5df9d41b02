import { resolveQuirks } from '../../testing/provider/quirks.js';
import type { CommandContext } from '../command-context.js';
import { formatCount } from '../format/format-numbers.js';
import { connectionEnv } from '../mock/connection-env.js';
import { MOCK_PROVIDER_OPTIONS, parseMockProviderFlags } from '../mock/mock-provider-flags.js';
import { QUIRK_NAMES } from '../mock/parse-quirks.js';
import { parseCommandLine } from '../parse-command-line.js';
import { UsageError } from '../usage-error.js';

export const SERVE_MOCK_HELP = `Usage: oneroster serve-mock [options]

Runs the bundled mock OneRoster provider (1.1, or 1.2) with a synthetic district, for testing your own
code against it. Prints its base URL, token URL and (mock) credentials, then serves until Ctrl-C.

  --size tiny|small|large  the district (default small: 4 schools, 600 students)
  --seed N                 seed of the generated district (default 1)
  --oneroster-version 1.1|1.2
                           the version served (default 1.1; 1.2 under /ims/oneroster/rostering/v1p2)
  --profile edfi           behave like Ed-Fi's OneRoster 1.2 server: 500-record pages, no counts or
                           links, 400 for unknown fields, no nested endpoints, singular envelopes,
                           unstable ties; --oneroster-version and --quirk override it
  --auth KIND              oauth2 (default), oauth1, bearer or none
  --port N                 port to listen on (default: a free one)
  --host HOST              interface (default 127.0.0.1)
  --prefix PATH            path before the rostering path, e.g. /district-7
  --quirk NAME[=VALUE]     switch on a provider quirk; repeat for several, e.g.
                           --quirk maxPageSize=50 --quirk link=relative --quirk bareArray
                           quirks: ${QUIRK_NAMES.join(', ')}
  --latency-ms N           delay every data response
  --rate-limit N           answer 429 above N requests per second
  --json                   print the connection details as one JSON line`;

const AUTH_TITLES: Record<string, string> = {
  oauth2: 'OAuth 2.0 client credentials',
  oauth1: 'OAuth 1.0a (HMAC-SHA256 or HMAC-SHA1)',
  bearer: 'static bearer token',
  none: 'none',
};

/** The quirks that differ from a spec-faithful provider: the profile's and the ones given. */
function quirksInForce(quirks: object): Record<string, unknown> {
  const defaults: Record<string, unknown> = { ...resolveQuirks() };
  return Object.fromEntries(
    Object.entries(quirks).filter(
      ([name, value]) => JSON.stringify(value) !== JSON.stringify(defaults[name]),
    ),
  );
}

/** Waits for the interrupt; without one (in-process use) the server runs until the process ends. */
function untilInterrupted(signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve) => {
    if (signal === undefined) return;
    if (signal.aborted) resolve();
    signal.addEventListener('abort', () => resolve(), { once: true });
  });
}

/** `oneroster serve-mock`: the mock provider on a real port until SIGINT or SIGTERM. */
export async function runServeMock(argv: string[], context: CommandContext): Promise<number> {
  const { values, positionals } = parseCommandLine(argv, {
    ...MOCK_PROVIDER_OPTIONS,
    json: { type: 'boolean', default: false },
  } as const);
  if (positionals.length > 0) throw new UsageError(`serve-mock takes no arguments: ${positionals.join(' ')}`);
  const settings = parseMockProviderFlags(values);
  const auth = values.auth ?? 'oauth2';
  // Loaded on demand: the mock provider is not needed by the commands that talk to real providers.
  const { generateDistrict } = await import('../../testing/district/district.js');
  const { startMockServer } = await import('../../testing/provider/node-server.js');
  const district = generateDistrict({ preset: settings.preset, seed: settings.seed });
  const server = await startMockServer({ ...settings.server, district });
  // A 1.2 mock needs the CLI told so, as a 1.2 provider does.
  const env = {
    ...connectionEnv(server, auth),
    ...(server.version === '1.2' ? { ONEROSTER_VERSION: server.version } : {}),
  };
  const shape = district.shape;
  const inForce = quirksInForce(server.provider.quirks);
  const quirks = Object.entries(inForce).map(([name, value]) =>
    value === true ? name : `${name}=${String(value)}`,
  );
  const profile = settings.server.profile;
  if (values.json) {
    context.stdout.write(
      `${JSON.stringify({
        baseUrl: server.baseUrl,
        tokenUrl: server.tokenUrl,
        auth,
        clientId: server.clientId,
        clientSecret: server.clientSecret,
        bearerToken: server.bearerToken,
        env,
        version: server.version,
        profile: profile ?? null,
        district: { name: district.name, size: settings.preset, seed: settings.seed, counts: shape.counts },
        quirks: inForce,
      })}\n`,
    );
  } else {
    const rows: [string, string | undefined][] = [
      ['Base URL', server.baseUrl],
      ['Auth', AUTH_TITLES[auth]],
      ['Token URL', auth === 'oauth2' ? server.tokenUrl : undefined],
      [
        auth === 'oauth1' ? 'Consumer key' : 'Client ID',
        auth.startsWith('oauth') ? server.clientId : undefined,
      ],
      [
        auth === 'oauth1' ? 'Consumer secret' : 'Client secret',
        auth.startsWith('oauth') ? server.clientSecret : undefined,
      ],
      ['Bearer token', auth === 'bearer' ? server.bearerToken : undefined],
    ];
    const lines = [
      `Mock OneRoster ${server.version} provider${profile === undefined ? '' : ` (profile ${profile})`}: ${district.name} (${settings.preset}, seed ${settings.seed})`,
      `  ${formatCount(shape.schools)} schools, ${formatCount(shape.students)} students, ${formatCount(shape.teachers)} teachers, ${formatCount(shape.counts.classes)} classes, ${formatCount(shape.counts.enrollments)} enrollments`,
      `  Quirks: ${quirks.length === 0 ? 'none (a spec-faithful provider)' : quirks.join(', ')}`,
      '',
      ...rows.flatMap(([label, value]) => (value === undefined ? [] : [`  ${label.padEnd(16)}${value}`])),
      '',
      'Point the oneroster CLI or your own code at it:',
      `  export ${Object.entries(env)
        .map(([name, value]) => `${name}=${value}`)
        .join(' ')}`,
      '  oneroster doctor',
      '',
      'These are mock credentials, safe to share. Stop with Ctrl-C.',
    ];
    context.stdout.write(`${lines.join('\n')}\n`);
  }
  await untilInterrupted(context.signal);
  await server.close();
  if (!values.json)
    context.stderr.write(`Stopped after ${formatCount(server.stats.requests)} data requests.\n`);
  return 0;
}
