/**
 * How a provider behaves on one point:
 * - `ok`: as the spec says;
 * - `deviation`: not as the spec says, and the SDK copes (the advice says whether you must do anything);
 * - `unsupported`: a feature the provider does not offer (a refused filter, say);
 * - `unknown`: the probe could not tell (too little data, say);
 * - `info`: a measurement or an optional extension, neither right nor wrong;
 * - `failed`: the probe itself failed.
 */
export type CheckStatus = 'ok' | 'deviation' | 'unsupported' | 'unknown' | 'info' | 'failed';

/** A JSON value in a check's machine-readable findings. */
export type Detail =
  | string
  | number
  | boolean
  | null
  | readonly Detail[]
  | { readonly [key: string]: Detail };

/** One thing the doctor checked. */
export interface Check {
  /** Stable id for scripts, e.g. `page-size`. */
  readonly id: string;
  /** What was checked, for people. */
  readonly title: string;
  readonly status: CheckStatus;
  /** What was found, one line, for people. */
  readonly summary: string;
  /** What was found, for machines; the shape depends on the check (see docs/cli.md). */
  readonly detected: { readonly [key: string]: Detail };
}

/** What `oneroster doctor` found and recommends. */
export interface DoctorReport {
  /** The provider's base URL, redacted. */
  readonly baseUrl: string;
  readonly checks: readonly Check[];
  /** What to do about the findings, one sentence each. */
  readonly advice: readonly string[];
  /** Client options that fit this provider (`createOneRosterClient({ baseUrl, auth, ...these })`). */
  readonly clientOptions: { readonly [key: string]: Detail };
  /** The same for the command line. */
  readonly cliFlags: readonly string[];
  /** Requests the probes made. */
  readonly requests: number;
  readonly elapsedMs: number;
}

/** A check built with less ceremony. */
export function check(
  id: string,
  title: string,
  status: CheckStatus,
  summary: string,
  detected: { readonly [key: string]: Detail } = {},
): Check {
  return { id, title, status, summary, detected };
}
