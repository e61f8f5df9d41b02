import packageJson from '../../package.json' with { type: 'json' };
import { redactText } from '../errors/redact.js';
import type { CommandContext } from './command-context.js';
import { DEMO_HELP, runDemo } from './commands/demo.js';
import { DOCTOR_HELP, runDoctor } from './commands/doctor.js';
import { PULL_HELP, runPull } from './commands/pull.js';
import { runServeMock, SERVE_MOCK_HELP } from './commands/serve-mock.js';
import { runSync, SYNC_HELP } from './commands/sync.js';
import { describeFailure, EXIT } from './exit-codes.js';
import { sentByCommandLine } from './sent-by-command-line.js';
import { UsageError } from './usage-error.js';

const VERSION = packageJson.version;

const HELP = `oneroster ${VERSION}: pull, sync and probe a OneRoster 1.1 provider

Usage: oneroster <command> [options]

Commands:
  demo                sync a synthetic district from the bundled mock provider into ./roster.db
  sync                sync a provider's roster into SQLite or PostgreSQL
  pull <collection>   stream a collection to stdout as NDJSON or CSV
  doctor              probe a provider: what it supports, how it deviates, which options fit it
  serve-mock          run the mock provider for testing your own code

Connection options of sync, pull and doctor (flags win over the environment):
  --base-url URL        ONEROSTER_BASE_URL       the whole base, e.g. https://sis.example.org/ims/oneroster/v1p1
  --auth KIND           ONEROSTER_AUTH           oauth2 (default), oauth1 or bearer
  --token-url URL       ONEROSTER_TOKEN_URL      OAuth 2.0 token endpoint
  --client-id ID        ONEROSTER_CLIENT_ID      OAuth 2.0 client id, or OAuth 1.0a consumer key
  --client-secret S     ONEROSTER_CLIENT_SECRET  OAuth 2.0 client secret, or OAuth 1.0a consumer secret
  --token T             ONEROSTER_TOKEN          static bearer token
  --scope SCOPES        ONEROSTER_SCOPE          OAuth 2.0 scopes, space-separated
  --client-auth MODE    ONEROSTER_CLIENT_AUTH    basic (default) or body
  --page-size N, --concurrency N, --requests-per-second N, --retries N
                        ONEROSTER_PAGE_SIZE, ONEROSTER_CONCURRENCY, ONEROSTER_REQUESTS_PER_SECOND, ONEROSTER_RETRIES
Prefer the environment for secrets: flags show up in the shell history and the process list.

Other options:
  --verbose             print stack traces
  --help, --version

Exit codes: 0 ok, 1 failure, 2 usage, 3 credentials refused, 4 provider unreachable,
5 mass-deletion guard tripped, 6 optional dependency missing, 130 interrupted.
Run oneroster <command> --help for a command's options.`;

const COMMANDS: Record<
  string,
  { run: (argv: string[], context: CommandContext) => Promise<number>; help: string }
> = {
  demo: { run: runDemo, help: DEMO_HELP },
  sync: { run: runSync, help: SYNC_HELP },
  pull: { run: runPull, help: PULL_HELP },
  doctor: { run: runDoctor, help: DOCTOR_HELP },
  'serve-mock': { run: runServeMock, help: SERVE_MOCK_HELP },
};

/** Runs the command line and returns the exit code; never throws. */
export async function main(argv: string[], context: CommandContext): Promise<number> {
  const verbose = argv.includes('--verbose');
  const args = argv.filter((argument) => argument !== '--verbose');
  const [name, ...rest] = args;
  try {
    if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
      context.stdout.write(`${HELP}\n`);
      return EXIT.ok;
    }
    if (name === '--version' || name === '-v') {
      context.stdout.write(`${VERSION}\n`);
      return EXIT.ok;
    }
    const command = COMMANDS[name];
    if (!command) throw new UsageError(`unknown command: ${name}`);
    if (rest.includes('--help') || rest.includes('-h')) {
      context.stdout.write(`${command.help}\n`);
      return EXIT.ok;
    }
    return await command.run(rest, context);
  } catch (error) {
    const failure = context.signal?.aborted
      ? { message: 'interrupted; the store keeps its last complete state', code: EXIT.interrupted }
      : describeFailure(error);
    // Every failure reaches stderr through redaction: SDK errors are redacted where they are built,
    // but a message may also quote a driver or Node itself, and a stack repeats the message.
    const sent = sentByCommandLine(rest, context.env);
    context.stderr.write(`oneroster: ${redactText(failure.message, sent)}\n`);
    if (verbose && error instanceof Error && error.stack) {
      context.stderr.write(`${redactText(error.stack, sent)}\n`);
    }
    return failure.code;
  }
}
