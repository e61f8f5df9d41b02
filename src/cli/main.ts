import packageJson from '../../package.json' with { type: 'json' };
import type { CommandContext } from './command-context.js';
import { PULL_HELP, runPull } from './commands/pull.js';
import { describeFailure, EXIT } from './exit-codes.js';
import { UsageError } from './usage-error.js';

const VERSION = packageJson.version;

const HELP = `oneroster ${VERSION}: pull, sync and probe a OneRoster 1.1 provider

Usage: oneroster <command> [options]

Commands:
  pull <collection>   stream a collection to stdout as NDJSON or CSV

Connection options (flags win over the environment):
  --base-url URL        ONEROSTER_BASE_URL       the whole base, e.g. https://sis.example.org/ims/oneroster/v1p1
  --auth KIND           ONEROSTER_AUTH           oauth2 (default), oauth1 or bearer
  --token-url URL       ONEROSTER_TOKEN_URL      OAuth 2.0 token endpoint
  --client-id ID        ONEROSTER_CLIENT_ID      OAuth 2.0 client id, or OAuth 1.0a consumer key
  --client-secret S     ONEROSTER_CLIENT_SECRET  OAuth 2.0 client secret, or OAuth 1.0a consumer secret
  --token T             ONEROSTER_TOKEN          static bearer token
  --scope SCOPES        ONEROSTER_SCOPE          OAuth 2.0 scopes, space-separated
  --client-auth MODE    ONEROSTER_CLIENT_AUTH    basic (default) or body
  --page-size N, --concurrency N, --requests-per-second N, --retries N

Other options:
  --verbose             print stack traces
  --help, --version

Run oneroster <command> --help for a command's options.`;

const COMMANDS: Record<
  string,
  { run: (argv: string[], context: CommandContext) => Promise<number>; help: string }
> = {
  pull: { run: runPull, help: PULL_HELP },
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
    const failure = describeFailure(error);
    context.stderr.write(`oneroster: ${failure.message}\n`);
    if (verbose && error instanceof Error && error.stack) context.stderr.write(`${error.stack}\n`);
    return failure.code;
  }
}
