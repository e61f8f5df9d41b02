import type { Readable } from 'node:stream';
import type { ConnectionRegistry } from '../../registry/index.js';
import type { CommandContext } from '../command-context.js';
import { parseCommandLine } from '../parse-command-line.js';
import { type AddFlags, connectionOf, refuseSecretFlags } from '../registry/connection-flags.js';
import {
  describeConnection,
  describeNextSlot,
  describeOutcome,
  minute,
  table,
} from '../registry/format-connections.js';
import { keysOf, openRegistry, storeFailureOf } from '../registry/open-registry.js';
import { DEFAULT_STORE, parseStoreSpec } from '../stores/store-spec.js';
import { UsageError } from '../usage-error.js';

export const CONNECTIONS_HELP = `Usage: oneroster connections <add|list|show|pause|resume|remove|rotate-keys> [TENANT] [options]

The registry of district connections, kept beside the roster in --store. Secrets are sealed with
the key-encryption keys of ONEROSTER_KEYS or --keys-file, and never read from the command line.

  add TENANT         add a connection; its secret comes from stdin (--secret-stdin) or the environment
  list               every connection: status, next slot, last outcome
  show TENANT        one connection's settings (never its secret)
  pause TENANT       no run starts until resume
  resume TENANT      active again (also after a run held for review)
  remove TENANT      remove the connection and its sealed secret; the roster stays in the store
                     (erase it with oneroster erase)
  rotate-keys        re-wrap every data key under the current key; then the old keys can go

  --store SPEC           ONEROSTER_STORE   sqlite:PATH or postgres://user@host/db[?schema=NAME] (default ${DEFAULT_STORE})
  --keys-file PATH       the keys as a JSON file, instead of ONEROSTER_KEYS (add, rotate-keys)
  --json                 list and show as JSON

Options of add:
  --base-url URL         the provider's whole base URL, e.g. https://sis.example.org/ims/oneroster/v1p1
  --oneroster-version V  1.1 (default) or 1.2
  --auth KIND            oauth2 (default), oauth1 or bearer
  --token-url URL        OAuth 2.0 token endpoint
  --client-id ID         OAuth 2.0 client id, or OAuth 1.0a consumer key
  --scope SCOPES         OAuth 2.0 scopes, space-separated
  --client-auth MODE     basic (default) or body
  --secret-stdin         read the secret (client secret, consumer secret or token) from stdin;
                         otherwise from ONEROSTER_CLIENT_SECRET, or ONEROSTER_TOKEN for bearer
  --time-zone TZ         the IANA time zone of slots, windows and blackout dates (default UTC)
  --schedule SLOT        repeatable: "full: 0 2 * * 0", "delta: 0 2 * * 1-6" or a bare cron
                         expression (mode auto); default 02:00 daily
  --window SPAN          repeatable: "mon-fri 18:00-06:00"; runs start only inside (default any time)
  --pause-at-window-end  a run still going when its window ends stops at a checkpoint
  --blackout DATES       repeatable: 2026-12-25 or 2026-12-21..2027-01-03
  --concurrency N        requests in flight at once (default the client's)
  --requests-per-second N  request rate ceiling (default none)
  --limit-window SPEC    repeatable: "mon-fri 18:00-06:00 concurrency=5 requests-per-second=20"`;

const CONNECTIONS_OPTIONS = {
  store: { type: 'string' },
  'keys-file': { type: 'string' },
  json: { type: 'boolean', default: false },
  'base-url': { type: 'string' },
  'oneroster-version': { type: 'string' },
  auth: { type: 'string' },
  'token-url': { type: 'string' },
  'client-id': { type: 'string' },
  scope: { type: 'string' },
  'client-auth': { type: 'string' },
  'secret-stdin': { type: 'boolean', default: false },
  'time-zone': { type: 'string' },
  schedule: { type: 'string', multiple: true },
  window: { type: 'string', multiple: true },
  'pause-at-window-end': { type: 'boolean', default: false },
  blackout: { type: 'string', multiple: true },
  concurrency: { type: 'string' },
  'requests-per-second': { type: 'string' },
  'limit-window': { type: 'string', multiple: true },
} as const;

const SUBCOMMANDS = ['add', 'list', 'show', 'pause', 'resume', 'remove', 'rotate-keys'] as const;
type Subcommand = (typeof SUBCOMMANDS)[number];
/** The subcommands that seal or open a secret, and so need the keys. */
const NEEDS_KEYS = new Set<Subcommand>(['add', 'rotate-keys']);

async function readSecret(stdin: Readable | undefined): Promise<string> {
  if (stdin === undefined) throw new UsageError('--secret-stdin: this command has no stdin');
  const chunks: Buffer[] = [];
  for await (const chunk of stdin) chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk)));
  // A secret piped with echo or a here-string ends with a newline that is not part of it.
  const secret = Buffer.concat(chunks)
    .toString('utf8')
    .replace(/\r?\n$/, '');
  if (secret === '') throw new UsageError('--secret-stdin: stdin was empty');
  return secret;
}

function secretFromEnv(auth: string | undefined, env: NodeJS.ProcessEnv): string {
  const variable = auth === 'bearer' ? 'ONEROSTER_TOKEN' : 'ONEROSTER_CLIENT_SECRET';
  const secret = env[variable];
  if (secret === undefined || secret === '') {
    throw new UsageError(`missing the secret: pipe it in with --secret-stdin, or set ${variable}`);
  }
  return secret;
}

/** A registry's own validation (a cron expression, a time zone) is the command line's mistake here. */
function asUsage(error: unknown): unknown {
  if (error instanceof TypeError) return new UsageError(error.message.replace(/^oneroster\/registry: /, ''));
  return error;
}

/** `oneroster connections ...`: the connection registry. */
export async function runConnections(argv: string[], context: CommandContext): Promise<number> {
  refuseSecretFlags(argv);
  const { values, positionals } = parseCommandLine(argv, CONNECTIONS_OPTIONS);
  const [name, tenant, ...extra] = positionals;
  const subcommand = SUBCOMMANDS.find((known) => known === name);
  if (subcommand === undefined) {
    throw new UsageError(`connections needs one of ${SUBCOMMANDS.join(', ')}${name ? `, not ${name}` : ''}`);
  }
  const takesTenant = !['list', 'rotate-keys'].includes(subcommand);
  if (takesTenant && tenant === undefined) throw new UsageError(`connections ${subcommand} needs a TENANT`);
  if (extra.length > 0 || (!takesTenant && tenant !== undefined)) {
    throw new UsageError(`unexpected argument ${[...(takesTenant ? [] : [tenant]), ...extra].join(' ')}`);
  }
  const spec = parseStoreSpec(values.store ?? (context.env['ONEROSTER_STORE'] || DEFAULT_STORE), context.cwd);
  const keys = keysOf(values['keys-file'], context.env, NEEDS_KEYS.has(subcommand));
  // Everything the command line can get wrong is checked before the store is opened.
  const connection =
    subcommand === 'add' && tenant !== undefined
      ? connectionOf(
          tenant,
          values satisfies AddFlags,
          values['secret-stdin'] ? await readSecret(context.stdin) : secretFromEnv(values.auth, context.env),
        )
      : undefined;
  const { registry, close } = await openRegistry(spec, keys);
  const write = (text: string) => context.stdout.write(`${text}\n`);
  try {
    if (subcommand === 'add') {
      if (connection === undefined) throw new UsageError('connections add needs a TENANT');
      const added = await registry.addConnection(connection).catch((error: unknown) => {
        throw asUsage(error);
      });
      const key = Object.values(added.auth.secrets)[0]?.keyId;
      const next = await registry.nextSlot(added.tenant);
      write(
        `Added connection ${added.tenant} (${added.auth.type}, ${added.host}); its secret is sealed under key ${key}. ` +
          `Next slot: ${describeNextSlot(added, next, Date.now())}.`,
      );
      return 0;
    }
    return await runOn(registry, subcommand, tenant ?? '', values.json, write);
  } catch (error) {
    throw storeFailureOf(spec)(error);
  } finally {
    await close();
  }
}

async function runOn(
  registry: ConnectionRegistry,
  subcommand: Exclude<Subcommand, 'add'>,
  tenant: string,
  json: boolean,
  write: (text: string) => void,
): Promise<number> {
  const now = Date.now();
  switch (subcommand) {
    case 'list': {
      const connections = await registry.listConnections();
      const nexts = await Promise.all(connections.map((c) => registry.nextSlot(c.tenant, now)));
      if (json) {
        write(
          JSON.stringify(connections.map((connection, index) => ({ ...connection, nextSlot: nexts[index] }))),
        );
        return 0;
      }
      if (connections.length === 0) {
        write('No connections yet: add one with oneroster connections add TENANT --base-url URL ...');
        return 0;
      }
      const rows = connections.map((connection, index) => [
        connection.tenant,
        connection.status,
        connection.host,
        describeNextSlot(connection, nexts[index], now),
        describeOutcome(connection),
      ]);
      write(table([['TENANT', 'STATUS', 'HOST', 'NEXT SLOT', 'LAST OUTCOME'], ...rows]));
      return 0;
    }
    case 'show': {
      const connection = await registry.getConnection(tenant);
      if (connection === undefined)
        throw new UsageError(`no connection ${tenant}; see oneroster connections list`);
      const next = await registry.nextSlot(tenant, now);
      write(
        json
          ? JSON.stringify({ ...connection, nextSlot: next })
          : describeConnection(connection, describeNextSlot(connection, next, now)),
      );
      return 0;
    }
    case 'pause':
      await registry.pauseConnection(tenant);
      write(`Paused ${tenant}: no run starts until oneroster connections resume ${tenant}.`);
      return 0;
    case 'resume': {
      const resumed = await registry.resumeConnection(tenant);
      write(
        `Resumed ${tenant}. Next slot: ${describeNextSlot(resumed, await registry.nextSlot(tenant, now), now)}.`,
      );
      return 0;
    }
    case 'remove':
      if (!(await registry.removeConnection(tenant))) throw new UsageError(`no connection ${tenant}`);
      write(
        `Removed connection ${tenant} and its sealed secret. Its roster stays in the store: erase it with ` +
          `oneroster erase --tenant ${tenant} --confirm ${tenant} once no run of it is in progress.`,
      );
      return 0;
    case 'rotate-keys': {
      const result = await registry.rotateKeys();
      write(
        `Re-wrapped ${result.rewrapped} data key${result.rewrapped === 1 ? '' : 's'} of ${result.connections} ` +
          `connection${result.connections === 1 ? '' : 's'} under key ${result.keyId} (${minute(new Date(now).toISOString())}).`,
      );
      for (const failure of result.failed) {
        write(`  ${failure.tenant} ${failure.field}: ${failure.reason}; keep the old keys until it is fixed`);
      }
      if (result.failed.length === 0)
        write('Every secret is under the current key: the other keys can be removed.');
      return result.failed.length === 0 ? 0 : 1;
    }
  }
}
