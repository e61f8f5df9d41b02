import { execFile } from 'node:child_process';
import { accessSync, constants, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { it } from 'vitest';

/** Where Debian's `chromium` package (and common alternatives) put the browser; the variable wins. */
const CANDIDATES = [
  process.env['ONEROSTER_TEST_CHROMIUM'],
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  '/usr/bin/google-chrome',
];

function isExecutable(path: string | undefined): path is string {
  if (path === undefined || path === '') return false;
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** The browser found on this machine, if any. */
export const chromiumPath: string | undefined = CANDIDATES.find(isExecutable);

/** A page load of one local file in a fresh, throwaway profile. */
export interface HeadlessChromium {
  readonly path: string;
  /** The DOM after the page loaded, serialised by the browser. */
  dumpDom(file: string): Promise<string>;
  /** A PNG of the viewport at this size (CSS pixels). */
  screenshot(file: string, png: string, size: { width: number; height: number }): Promise<void>;
  /** The page printed to PDF, with the `@media print` rules. */
  printToPdf(file: string, pdf: string): Promise<void>;
  /**
   * URLs the page itself asked the network for while loading (from Chromium's net log: requests whose
   * top frame is the file), not the browser's own background requests. Names never resolve.
   */
  pageRequests(file: string): Promise<string[]>;
}

// Root needs --no-sandbox; the rest keep the browser quiet and off the network.
const FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--no-first-run',
  '--no-default-browser-check',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-extensions',
  '--disable-sync',
  '--hide-scrollbars',
  '--mute-audio',
  '--host-resolver-rules=MAP * ~NOTFOUND',
];

async function run(path: string, args: readonly string[]): Promise<string> {
  const profile = mkdtempSync(join(tmpdir(), 'oneroster-chromium-'));
  try {
    return await new Promise((resolve, reject) => {
      execFile(
        path,
        [...FLAGS, `--user-data-dir=${profile}`, ...args],
        { timeout: 90_000, maxBuffer: 64 * 1024 * 1024 },
        (error, stdout, stderr) => {
          if (error) reject(new Error(`chromium failed: ${error.message}\n${stderr.slice(-2_000)}`));
          else resolve(stdout);
        },
      );
    });
  } finally {
    rmSync(profile, { recursive: true, force: true });
  }
}

interface NetLog {
  constants: { logEventTypes: Record<string, number> };
  events: { type: number; params?: { url?: string; network_isolation_key?: string } }[];
}

function createChromium(path: string): HeadlessChromium {
  const url = (file: string) => pathToFileURL(file).href;
  return {
    path,
    dumpDom: (file) => run(path, ['--dump-dom', url(file)]),
    async screenshot(file, png, { width, height }) {
      await run(path, [`--screenshot=${png}`, `--window-size=${width},${height}`, url(file)]);
    },
    async printToPdf(file, pdf) {
      await run(path, [`--print-to-pdf=${pdf}`, '--no-pdf-header-footer', url(file)]);
    },
    async pageRequests(file) {
      const dir = mkdtempSync(join(tmpdir(), 'oneroster-netlog-'));
      try {
        const log = join(dir, 'net.json');
        await run(path, [`--log-net-log=${log}`, '--dump-dom', url(file)]);
        const netLog = JSON.parse(readFileSync(log, 'utf8')) as NetLog;
        const start = netLog.constants.logEventTypes['URL_REQUEST_START_JOB'];
        return netLog.events
          .filter(
            (event) => event.type === start && event.params?.network_isolation_key?.startsWith('file://'),
          )
          .map((event) => event.params?.url ?? '');
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}

const MISSING =
  "no Chromium: install Debian's package (`apt-get install -y chromium`, or run .ci/install-chromium.sh) or set ONEROSTER_TEST_CHROMIUM";

/**
 * A test that needs a real headless Chromium. Without one it is skipped with a warning and the reason in
 * its name; on CI, which must run it, it fails instead.
 */
export function itWithChromium(
  name: string,
  body: (chromium: HeadlessChromium) => Promise<void>,
  timeoutMs = 180_000,
): void {
  if (chromiumPath !== undefined) it(name, () => body(createChromium(chromiumPath)), timeoutMs);
  else if (process.env['CI']) {
    it(name, () => {
      throw new Error(`${MISSING} (CI must run the browser tests)`);
    });
  } else {
    console.warn(`[chromium] ${MISSING}: skipping "${name}"`);
    it.skip(`${name} [SKIPPED: ${MISSING}]`, () => undefined);
  }
}
