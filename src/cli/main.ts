import packageJson from '../../package.json' with { type: 'json' };
import { redactText } from '../errors/redact.js';
import type { CommandContext } from './command-context.js';
import { APPROVE_HELP, runApprove } from './commands/approve.js';
import { CHANGES_HELP, runChanges } from './commands/changes.js';
import { CONNECTIONS_HELP, runConnections } from './commands/connections.js';
import { CSV_HELP, runCsv } from './commands/csv.js';
import { DEMO_HELP, runDemo } from './commands/demo.js';
import { DOCTOR_HELP, runDoctor } from './commands/doctor.js';
import { ERASE_HELP, runErase } from './commands/erase.js';
import { EXPORT_HELP, runExport } from './commands/export.js';
import { PULL_HELP, runPull } from './commands/pull.js';
import { RECONCILE_HELP, runReconcile } from './commands/reconcile.js';
import { REJECT_HELP, runReject } from './commands/reject.js';
import { REVIEW_HELP, runReview } from './commands/review.js';
import { runServeMock, SERVE_MOCK_HELP } from './commands/serve-mock.js';
import { runSync, SYNC_HELP } from './commands/sync.js';
import { runWorker, WORKER_HELP } from './commands/worker.js';
import { CONNECTION_HELP } from './connection.js';
import { describeFailure, EXIT, isClosedOutput } from './exit-codes.js';
import { flagValues, sentByCommandLine } from './sent-by-command-line.js';
import { suggestName } from './suggest-name.js';
import { UsageError } from './usage-error.js';

const VERSION = packageJson.version;

/** Options every command takes; `main` reads them before the command sees its flags. */
const GLOBAL_HELP = `Options of every command:
  --verbose               print stack traces on failure
  --debug                 ONEROSTER_DEBUG=1             trace each request, retry, throttle and token refresh
                                                        on stderr (redacted)
  --help`;

const HELP = `oneroster ${VERSION}: pull, sync and probe a OneRoster 1.1 or 1.2 provider

Usage: oneroster <command> [options]

Commands:
  demo                sync a synthetic district from the bundled mock provider into ./roster.db
  sync                sync a provider's roster into SQLite or PostgreSQL
  review              show the tenant's run awaiting review and its roster report
  approve             commit the run awaiting review, exactly as it was staged
  reject              discard the run awaiting review
  pull <collection>   stream a collection to stdout as NDJSON or CSV
  doctor              probe a provider: what it supports, how it deviates, which options fit it
  serve-mock          run the mock provider for testing your own code
  connections         the registry of district connections: add, list, show, pause, resume,
                      remove, rotate-keys
  erase               delete a tenant's data (or single records) from the store, with a receipt
  csv                 OneRoster 1.1 CSV packages: validate one, export a tenant as one
  reconcile <l> <r>   compare two rosters (store tenants or CSV packages) record by record
  worker              run the connections' due syncs (SQLite: embedded; PostgreSQL: on pg-boss)
  changes             print a tenant's change log (NDJSON or CSV), after a seq
  export              write everything the store holds for a tenant as NDJSON

${CONNECTION_HELP}

${GLOBAL_HELP}, --version

Exit codes: 0 ok, 1 failure, 2 usage, 3 credentials refused, 4 provider unreachable,
5 mass-deletion guard tripped, 6 optional dependency missing, 7 store failed or unreachable,
8 a run awaits review, 130 interrupted.
Run oneroster <command> --help for a command's options.`;

interface Command {
  run: (argv: string[], context: CommandContext) => Promise<number>;
  help: string;
  /** Takes the connection options: its help lists them too. */
  connects: boolean;
}

const COMMANDS: Record<string, Command> = {
  demo: { run: runDemo, help: DEMO_HELP, connects: false },
  sync: { run: runSync, help: SYNC_HELP, connects: true },
  review: { run: runReview, help: REVIEW_HELP, connects: false },
  approve: { run: runApprove, help: APPROVE_HELP, connects: false },
  reject: { run: runReject, help: REJECT_HELP, connects: false },
  pull: { run: runPull, help: PULL_HELP, connects: true },
  doctor: { run: runDoctor, help: DOCTOR_HELP, connects: true },
  'serve-mock': { run: runServeMock, help: SERVE_MOCK_HELP, connects: false },
  connections: { run: runConnections, help: CONNECTIONS_HELP, connects: false },
  erase: { run: runErase, help: ERASE_HELP, connects: false },
  csv: { run: runCsv, help: CSV_HELP, connects: false },
  reconcile: { run: runReconcile, help: RECONCILE_HELP, connects: false },
  worker: { run: runWorker, help: WORKER_HELP, connects: false },
  changes: { run: runChanges, help: CHANGES_HELP, connects: false },
  export: { run: runExport, help: EXPORT_HELP, connects: false },
};

function helpOf(command: Command): string {
  return [command.help, ...(command.connects ? [CONNECTION_HELP] : []), GLOBAL_HELP].join('\n\n');
}

/** `ONEROSTER_DEBUG=1` (or `true`) turns the trace on, as `--debug` does. */
function debugFromEnv(env: NodeJS.ProcessEnv): boolean {
  const value = env['ONEROSTER_DEBUG']?.toLowerCase();
  return value !== undefined && value !== '' && value !== '0' && value !== 'false';
}

function unknownCommand(name: string): UsageError {
  if (name.startsWith('-')) return new UsageError(`unknown option ${name}`);
  const suggestion = suggestName(name, Object.keys(COMMANDS));
  return new UsageError(
    `unknown command ${name}${suggestion === undefined ? '' : ` (did you mean ${suggestion}?)`}; the commands are ${Object.keys(COMMANDS).join(', ')}`,
  );
}

/** Runs the command line and returns the exit code; never throws. */
export async function main(argv: string[], context: CommandContext): Promise<number> {
  const verbose = argv.includes('--verbose');
  const debug = argv.includes('--debug') || debugFromEnv(context.env);
  const args = argv.filter((argument) => argument !== '--verbose' && argument !== '--debug');
  const [name, ...rest] = args;
  const command = name === undefined ? undefined : COMMANDS[name];
  try {
    if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
      context.stdout.write(`${HELP}\n`);
      return EXIT.ok;
    }
    if (name === '--version' || name === '-v') {
      context.stdout.write(`${VERSION}\n`);
      return EXIT.ok;
    }
    if (!command) throw unknownCommand(name);
    if (rest.includes('--help') || rest.includes('-h')) {
      context.stdout.write(`${helpOf(command)}\n`);
      return EXIT.ok;
    }
    return await command.run(rest, { ...context, debug });
  } catch (error) {
    // The reader of stdout went away (`| head -1`): it has what it wanted.
    if (isClosedOutput(error)) return EXIT.ok;
    const auth = flagValues(rest, 'auth').at(-1) ?? context.env['ONEROSTER_AUTH'] ?? 'oauth2';
    const failure = context.signal?.aborted
      ? { message: 'interrupted; the store keeps its last complete state', code: EXIT.interrupted }
      : describeFailure(error, { auth });
    const line =
      'usage' in failure && failure.usage
        ? `oneroster${command ? ` ${name}` : ''}: ${failure.message} (see oneroster${command ? ` ${name}` : ''} --help)`
        : `oneroster: ${failure.message}`;
    // Every failure reaches stderr through redaction: SDK errors are redacted where they are built,
    // but a message may also quote a driver or Node itself, and a stack repeats the message.
    const sent = sentByCommandLine(rest, context.env);
    context.stderr.write(`${redactText(line, sent)}\n`);
    if (verbose && error instanceof Error && error.stack) {
      context.stderr.write(`${redactText(error.stack, sent)}\n`);
    }
    return failure.code;
  }
}
