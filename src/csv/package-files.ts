import { createReadStream } from 'node:fs';
import { readdir, stat } from 'node:fs/promises';
import { basename, join } from 'node:path';
import type { Readable } from 'node:stream';
import yauzl from 'yauzl';
import { CsvPackageError } from './csv-package-error.js';

/** The files of a package, a directory or a zip, each opened as a stream when read. */
export interface PackageFiles {
  /** The package path, as given. */
  readonly path: string;
  readonly kind: 'directory' | 'zip';
  /** File names in the package (`users.csv`). */
  readonly names: ReadonlySet<string>;
  /** A new stream of one file's bytes: a zip entry is inflated as it is read, never whole. */
  open(name: string): Promise<Readable>;
  close(): Promise<void>;
}

async function directoryFiles(path: string): Promise<PackageFiles> {
  const entries = await readdir(path, { withFileTypes: true });
  const names = new Set(entries.filter((entry) => entry.isFile()).map((entry) => entry.name));
  return {
    path,
    kind: 'directory',
    names,
    open: async (name) => createReadStream(join(path, name)),
    close: async () => undefined,
  };
}

/** Reads the zip's central directory (names and offsets, not data) and keeps the file open. */
async function zipFiles(path: string): Promise<PackageFiles> {
  let zip: yauzl.ZipFile;
  try {
    zip = await yauzl.openPromise(path, { lazyEntries: true, autoClose: false });
  } catch (error) {
    throw new CsvPackageError({ file: path, reason: `not a readable zip file (${String(error)})` });
  }
  const entries = new Map<string, yauzl.Entry>();
  await new Promise<void>((resolve, reject) => {
    zip.on('entry', (entry: yauzl.Entry) => {
      const name = entry.fileName;
      // Folders and the resource forks macOS adds are not files of the package; a package zipped
      // with its folder (`roster/users.csv`) is read by file name.
      if (!name.endsWith('/') && !name.startsWith('__MACOSX/')) entries.set(basename(name), entry);
      zip.readEntry();
    });
    zip.once('end', () => resolve());
    zip.once('error', reject);
    zip.readEntry();
  });
  return {
    path,
    kind: 'zip',
    names: new Set(entries.keys()),
    async open(name) {
      const entry = entries.get(name);
      if (entry === undefined) throw new CsvPackageError({ file: name, reason: 'not in the package' });
      return zip.openReadStreamPromise(entry);
    },
    close: async () => zip.close(),
  };
}

/**
 * Opens a package: a directory of CSV files, or a `.zip` of them.
 * @throws CsvPackageError when the path is neither
 */
export async function openPackageFiles(path: string): Promise<PackageFiles> {
  const info = await stat(path).catch(() => undefined);
  if (info === undefined) throw new CsvPackageError({ file: path, reason: 'no such file or directory' });
  if (info.isDirectory()) return directoryFiles(path);
  return zipFiles(path);
}
