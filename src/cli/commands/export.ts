import { createWriteStream } from 'node:fs';
import { resolve } from 'node:path';
import type { Writable } from 'node:stream';
import { finished } from 'node:stream/promises';
import { exportTenant } from '../../sync/export-tenant.js';
import type { CommandContext } from '../command-context.js';
import { parseCommandLine } from '../parse-command-line.js';
import { DEFAULT_STORE } from '../stores/store-spec.js';
import { withStore } from '../stores/with-store.js';
import { UsageError } from '../usage-error.js';
import { writeLine } from '../write-lines.js';

export const EXPORT_HELP = `Usage: oneroster export --tenant NAME [options]

Writes everything the store holds for a tenant as NDJSON, each line tagged with its kind: the export
header, every record (tombstones included), watermarks, runs with their counts, and the change log.

  --store SPEC           ONEROSTER_STORE   sqlite:PATH or postgres://user@host/db[?schema=NAME] (default ${DEFAULT_STORE})
  --tenant NAME          ONEROSTER_TENANT  the district connection (default "default")
  --out FILE             write to FILE (created or replaced) instead of stdout`;

const EXPORT_OPTIONS = {
  store: { type: 'string' },
  tenant: { type: 'string' },
  out: { type: 'string' },
} as const;

/** `oneroster export`: a tenant's whole store as NDJSON. */
export async function runExport(argv: string[], context: CommandContext): Promise<number> {
  const { values, positionals } = parseCommandLine(argv, EXPORT_OPTIONS);
  if (positionals.length > 0) throw new UsageError(`unexpected argument ${positionals.join(' ')}`);
  const tenant = values.tenant ?? (context.env['ONEROSTER_TENANT'] || 'default');
  const path = values.out === undefined ? undefined : resolve(context.cwd, values.out);
  await withStore(values.store, context, async (store) => {
    const out: Writable = path === undefined ? context.stdout : createWriteStream(path);
    let lines = 0;
    try {
      for await (const line of exportTenant(store, tenant)) {
        await writeLine(out, line);
        lines++;
      }
    } finally {
      if (path !== undefined) {
        out.end();
        await finished(out);
      }
    }
    if (path !== undefined) context.stderr.write(`Exported tenant "${tenant}" to ${path}: ${lines} lines\n`);
  });
  return 0;
}
