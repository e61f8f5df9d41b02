import type { ClientOptions } from '../../base/options.js';
import { redactUrl } from '../../errors/redact.js';
import type { CommandContext } from '../command-context.js';
import {
  CONNECTION_OPTIONS,
  connect,
  ONEROSTER_VERSION_OPTION,
  ONEROSTER_VERSION_VARIABLE,
  readGivenOneRosterVersion,
} from '../connection.js';
import { advise } from '../doctor/advise.js';
import { createDoctorProgress } from '../doctor/doctor-progress.js';
import type { DoctorReport } from '../doctor/doctor-report.js';
import { formatDoctorReport } from '../doctor/format-doctor.js';
import type { ConfiguredSettings, ProbeContext } from '../doctor/probe-context.js';
import { createProbeRecorder, type ProbeRecorder } from '../doctor/probe-session.js';
import { runProbes } from '../doctor/run-doctor.js';
import { versionOfBaseUrl } from '../doctor/versions.js';
import { parseCommandLine } from '../parse-command-line.js';
import { UsageError } from '../usage-error.js';
import { watchClient } from '../watch-client.js';

/** The large page asked for to find a page-size cap (ClassLink clamps to 10,000; Clever refuses more). */
const DEFAULT_PROBE_LIMIT = 10_000;
/** Retries per probe request: a doctor reports a failing endpoint, it does not wait it out. */
const DOCTOR_RETRIES = 1;

export const DOCTOR_HELP = `Usage: oneroster doctor [options]

Probes a provider and reports which OneRoster version it serves (1.1 or 1.2) and how it deviates from
it: authentication, the page-size cap, X-Total-Count and Link, sort and its cost, filters (the delta
filter on each collection), fields and the minimal preset, boolean encoding, user shape, envelopes,
error shape, validation, nested endpoints, deletions, paging stability, rate-limit headers and time per
page; then advice and the client options that fit. Reads a few records of each collection; prints field
names, never values. Progress goes to stderr, the report to stdout.

  --oneroster-version 1.1|1.2  ${ONEROSTER_VERSION_VARIABLE}  the version the client speaks (default 1.1); the doctor
                               tells when the provider serves the other one
  --validation lenient|strict  read records as a sync would in this mode (default lenient)
  --probe-limit N              the large page asked for to find the page-size cap (default ${DEFAULT_PROBE_LIMIT})
  --json                       print the report as JSON
  --quiet                      no progress lines
  plus the connection options (oneroster --help)`;

const DOCTOR_OPTIONS = {
  ...CONNECTION_OPTIONS,
  ...ONEROSTER_VERSION_OPTION,
  validation: { type: 'string' },
  'probe-limit': { type: 'string' },
  json: { type: 'boolean', default: false },
  quiet: { type: 'boolean', default: false },
} as const;

function parseValidation(value: string | undefined): ConfiguredSettings['validation'] {
  if (value === undefined || value === 'lenient' || value === 'strict') return value ?? 'lenient';
  throw new UsageError(`--validation must be lenient or strict, not ${value}`);
}

function parseProbeLimit(value: string | undefined): number {
  if (value === undefined) return DEFAULT_PROBE_LIMIT;
  const limit = Number(value);
  if (!Number.isInteger(limit) || limit < 2) {
    throw new UsageError(`--probe-limit must be a whole number above 1, not ${value}`);
  }
  return limit;
}

/**
 * The client options the doctor adds to the connection: the command's settings, the recording, one
 * request at a time.
 */
function doctorClientOptions(
  settings: ConfiguredSettings,
  recorder: ProbeRecorder,
  onEvent: NonNullable<ClientOptions['onEvent']>,
  context: CommandContext,
  retriesGiven: boolean,
): Partial<ClientOptions> {
  return {
    validation: settings.validation,
    fetch: recorder.fetch,
    onEvent,
    // Probes run one at a time: the doctor must not be why a provider throttles.
    concurrency: 1,
    ...(retriesGiven ? {} : { retry: { retries: DOCTOR_RETRIES } }),
    ...(context.signal ? { signal: context.signal } : {}),
  };
}

/** `oneroster doctor`: probes a provider through the client's public API. */
export async function runDoctor(argv: string[], context: CommandContext): Promise<number> {
  const { values, positionals } = parseCommandLine(argv, DOCTOR_OPTIONS);
  if (positionals.length > 0) throw new UsageError(`doctor takes no arguments: ${positionals.join(' ')}`);
  const probeLimit = parseProbeLimit(values['probe-limit']);
  const configured: ConfiguredSettings = {
    version: readGivenOneRosterVersion(values, context.env),
    validation: parseValidation(values.validation),
  };
  const progress = createDoctorProgress(context, { quiet: values.quiet });
  const watch = watchClient(context, argv, progress.note);
  const recorder = createProbeRecorder();
  const retriesGiven = values.retries !== undefined || context.env['ONEROSTER_RETRIES'] !== undefined;
  const onEvent: NonNullable<ClientOptions['onEvent']> = (event) => {
    recorder.onEvent(event);
    watch.onEvent(event);
  };
  // The client speaks the version the base URL's path names (a client refuses a base URL of the
  // other version), else the one asked for: the doctor probes a provider whatever the command line
  // says of it, then advises the flag that matches what it found.
  const baseUrlGiven = values['base-url'] ?? context.env['ONEROSTER_BASE_URL'] ?? '';
  const clientVersion = versionOfBaseUrl(baseUrlGiven) ?? configured.version ?? '1.1';
  const client = connect(
    values,
    context.env,
    doctorClientOptions(configured, recorder, onEvent, context, retriesGiven),
    clientVersion,
  );
  const session = recorder.session(client);
  const started = Date.now();
  const authKind = values.auth ?? context.env['ONEROSTER_AUTH'] ?? 'oauth2';
  // The version probe sets `version`; until then the probes ask for what 1.1 and 1.2 share.
  const probeContext: ProbeContext = {
    session,
    client,
    ids: {},
    samples: {},
    probeLimit,
    configured,
    version: '1.1',
  };
  const checks = await runProbes(probeContext, authKind, {
    onProbe: progress.probe,
    ...(context.signal ? { signal: context.signal } : {}),
  }).finally(() => progress.finish());
  const report: DoctorReport = {
    baseUrl: redactUrl(client.options.baseUrl),
    checks,
    ...advise(checks),
    requests: session.requests(),
    elapsedMs: Date.now() - started,
  };
  context.stdout.write(values.json ? `${JSON.stringify(report, null, 2)}\n` : formatDoctorReport(report));
  return 0;
}
