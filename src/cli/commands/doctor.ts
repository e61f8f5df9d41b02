import { parseArgs } from 'node:util';
import { redactUrl } from '../../errors/redact.js';
import type { CommandContext } from '../command-context.js';
import { CONNECTION_OPTIONS, connect } from '../connection.js';
import { advise } from '../doctor/advise.js';
import type { DoctorReport } from '../doctor/doctor-report.js';
import { formatDoctorReport } from '../doctor/format-doctor.js';
import { createProbeRecorder } from '../doctor/probe-session.js';
import { runProbes } from '../doctor/run-doctor.js';
import { UsageError } from '../usage-error.js';

/** The large page asked for to find a page-size cap (ClassLink clamps to 10,000; Clever refuses more). */
const DEFAULT_PROBE_LIMIT = 10_000;
/** Retries per probe request: a doctor reports a failing endpoint, it does not wait it out. */
const DOCTOR_RETRIES = 1;

export const DOCTOR_HELP = `Usage: oneroster doctor [options]

Probes a provider and reports what it supports and how it deviates from OneRoster 1.1: authentication,
the page-size cap, X-Total-Count and Link, sort, filter and fields, boolean encoding, error shape,
nested endpoints, deletions, paging stability, rate-limit headers and time per page; then advice and
the client options that fit. Reads a few records of each collection; prints field names, never values.

  --probe-limit N   the large page asked for to find the page-size cap (default ${DEFAULT_PROBE_LIMIT})
  --json            print the report as JSON
  plus the connection options (oneroster --help)`;

/** `oneroster doctor`: probes a provider through the client's public API. */
export async function runDoctor(argv: string[], context: CommandContext): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      ...CONNECTION_OPTIONS,
      'probe-limit': { type: 'string' },
      json: { type: 'boolean', default: false },
    },
  });
  if (positionals.length > 0) throw new UsageError(`doctor takes no arguments: ${positionals.join(' ')}`);
  const probeLimit =
    values['probe-limit'] === undefined ? DEFAULT_PROBE_LIMIT : Number(values['probe-limit']);
  if (!Number.isInteger(probeLimit) || probeLimit < 2)
    throw new UsageError('--probe-limit must be a whole number above 1');
  const recorder = createProbeRecorder();
  const client = connect(values, context.env, {
    fetch: recorder.fetch,
    onEvent: recorder.onEvent,
    // Probes run one at a time: the doctor must not be why a provider throttles.
    concurrency: 1,
    ...(values.retries === undefined && context.env['ONEROSTER_RETRIES'] === undefined
      ? { retry: { retries: DOCTOR_RETRIES } }
      : {}),
    ...(context.signal ? { signal: context.signal } : {}),
  });
  const session = recorder.session(client);
  const started = Date.now();
  const authKind = values.auth ?? context.env['ONEROSTER_AUTH'] ?? 'oauth2';
  const checks = await runProbes({ session, ids: {}, probeLimit }, authKind);
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
