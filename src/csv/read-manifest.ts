import { CsvPackageError } from './csv-package-error.js';
import type { PackageFiles } from './package-files.js';
import { readCsvRows } from './read-csv-rows.js';

/** How the manifest says a file is supplied. */
export type CsvFileMode = 'absent' | 'bulk' | 'delta';

/** `manifest.csv`: the versions, each file's mode, and the source fields. */
export interface CsvManifest {
  /** `manifest.version` (1.0 in 1.1 packages). */
  readonly manifestVersion: string;
  /** `oneroster.version`: always `1.1` here. */
  readonly onerosterVersion: string;
  /** `file.<name>` for every file the manifest names, by name without `.csv` (`users`). */
  readonly files: Readonly<Record<string, CsvFileMode>>;
  /** `source.systemName`, `source.systemCode` and any other property, as given. */
  readonly properties: Readonly<Record<string, string>>;
}

const MANIFEST = 'manifest.csv';
const FILE_MODES: readonly string[] = ['absent', 'bulk', 'delta'];

/**
 * Reads and checks `manifest.csv`: the header `propertyName,value`, `oneroster.version` 1.1, a mode
 * of `absent`, `bulk` or `delta` for each `file.*`, and every file not `absent` present in the package.
 * @throws CsvPackageError on the first problem, with its line
 */
export async function readManifest(files: PackageFiles): Promise<CsvManifest> {
  if (!files.names.has(MANIFEST)) {
    throw new CsvPackageError({ file: MANIFEST, reason: `the package ${files.path} has no manifest.csv` });
  }
  const properties: Record<string, string> = {};
  const modes: Record<string, CsvFileMode> = {};
  let header = true;
  for await (const row of readCsvRows(MANIFEST, await files.open(MANIFEST))) {
    const [name = '', value = ''] = row.values;
    if (header) {
      header = false;
      if (name !== 'propertyName' || value !== 'value') {
        throw new CsvPackageError({
          file: MANIFEST,
          line: row.line,
          column: name !== 'propertyName' ? name : value,
          reason: 'the header must be "propertyName,value"',
        });
      }
      continue;
    }
    if (name.startsWith('file.')) {
      const mode = value.trim().toLowerCase();
      if (!FILE_MODES.includes(mode)) {
        throw new CsvPackageError({
          file: MANIFEST,
          line: row.line,
          column: 'value',
          reason: `${name} is "${value}"; it must be absent, bulk or delta`,
        });
      }
      modes[name.slice('file.'.length)] = mode === 'bulk' ? 'bulk' : mode === 'delta' ? 'delta' : 'absent';
    }
    properties[name] = value;
  }
  const onerosterVersion = properties['oneroster.version'] ?? '';
  if (onerosterVersion.trim() !== '1.1') {
    throw new CsvPackageError({
      file: MANIFEST,
      column: 'oneroster.version',
      reason: `oneroster.version is "${onerosterVersion}"; this reader takes OneRoster 1.1 packages`,
    });
  }
  for (const [name, mode] of Object.entries(modes)) {
    if (mode !== 'absent' && !files.names.has(`${name}.csv`)) {
      throw new CsvPackageError({
        file: `${name}.csv`,
        reason: `manifest.csv says file.${name} is ${mode}, and the package has no ${name}.csv`,
      });
    }
  }
  return {
    manifestVersion: properties['manifest.version'] ?? '',
    onerosterVersion: '1.1',
    files: modes,
    properties,
  };
}
