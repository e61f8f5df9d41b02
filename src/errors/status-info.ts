import { isObject } from '../base/is-object.js';
import { redactText, type SentValues } from './redact.js';

/**
 * The provider's own account of a failure, read from the imsx status envelope.
 * Every field is optional because providers send many partial shapes (see `parseStatusInfo`).
 */
export interface StatusInfo {
  /** `success`, `failure` or `processing`. */
  codeMajor?: string;
  /** `error`, `warning` or `status`. */
  severity?: string;
  /** The provider's codeMinor as sent, e.g. `unknownobject` or `invalid_filter_field` (redacted like the description). */
  codeMinor?: string;
  /**
   * The provider's free-text description, redacted (see `redactText`: credentials, emails and quoted
   * values go, field names and scope URLs stay), then cut to `MAX_DESCRIPTION_LENGTH` characters.
   */
  description?: string;
}

/** Long descriptions are provider stack traces or HTML pages; keep errors readable. */
export const MAX_DESCRIPTION_LENGTH = 500;

type JsonObject = Record<string, unknown>;

function readString(object: JsonObject, ...keys: string[]): string | undefined {
  for (const key of keys) {
    const value = object[key];
    if (typeof value === 'string' && value.length > 0) return value;
  }
  return undefined;
}

function readCodeMinor(object: JsonObject): string | undefined {
  const flat = readString(object, 'imsx_codeMinor', 'codeMinor', 'imsx_CodeMinor');
  if (flat) return flat;
  // spec shape: imsx_CodeMinor.imsx_codeMinorField[].imsx_codeMinorFieldValue (one object or an array)
  const nested = object['imsx_CodeMinor'] ?? object['imsx_codeMinor'] ?? object['codeMinor'];
  if (!isObject(nested)) return undefined;
  const fields = nested['imsx_codeMinorField'] ?? nested['codeMinorField'];
  const list = Array.isArray(fields) ? fields : [fields];
  for (const field of list) {
    if (isObject(field)) {
      const value = readString(field, 'imsx_codeMinorFieldValue', 'codeMinorFieldValue');
      if (value) return value;
    }
  }
  return undefined;
}

function readStatusObject(object: JsonObject, sent: SentValues): StatusInfo | undefined {
  const codeMajor = readString(object, 'imsx_codeMajor', 'codeMajor');
  const severity = readString(object, 'imsx_severity', 'severity');
  const codeMinor = readCodeMinor(object);
  const description = readString(object, 'imsx_description', 'description');
  if (!codeMajor && !severity && !codeMinor && !description) return undefined;
  const info: StatusInfo = {};
  if (codeMajor) info.codeMajor = codeMajor;
  if (severity) info.severity = severity;
  if (codeMinor) info.codeMinor = redactText(codeMinor, sent);
  // Redacted before it is cut: a cut could leave part of a secret that no longer matches it.
  if (description) info.description = redactText(description, sent).slice(0, MAX_DESCRIPTION_LENGTH);
  return info;
}

/**
 * The status info with its provider-written texts redacted, for errors built from status info that
 * did not come through `parseStatusInfo`. Redacting twice changes nothing, so it is safe on
 * status info that did.
 */
export function redactStatusInfo(info: StatusInfo, sent: SentValues = {}): StatusInfo {
  const redacted: StatusInfo = { ...info };
  if (info.codeMinor !== undefined) redacted.codeMinor = redactText(info.codeMinor, sent);
  if (info.description !== undefined) redacted.description = redactText(info.description, sent);
  return redacted;
}

/**
 * Reads the provider's status info from every shape seen in the wild: the spec's imsx envelope,
 * the same wrapped in `statusInfoSet` (an array or one object), a flat `imsx_codeMinor` or
 * `codeMinor` string, or no codeMinor at all. Returns the first error among several, else the first.
 *
 * Providers echo the request in their descriptions: pass what it `sent` (its credentials and filter)
 * and they are redacted with the rest (see `redactText`).
 */
export function parseStatusInfo(body: unknown, sent: SentValues = {}): StatusInfo | undefined {
  if (!isObject(body)) return undefined;
  const wrapped = body['statusInfoSet'] ?? body['imsx_statusInfoSet'];
  if (wrapped !== undefined) {
    const list = (Array.isArray(wrapped) ? wrapped : [wrapped]).filter(isObject);
    const infos = list
      .map((object) => readStatusObject(object, sent))
      .filter((info): info is StatusInfo => info !== undefined);
    return infos.find((info) => isFailure(info)) ?? infos[0];
  }
  return readStatusObject(body, sent);
}

/** Compares codeMinor values the way providers spell them: case, spaces and underscores ignored. */
export function normalizeCodeMinor(codeMinor: string): string {
  return codeMinor.toLowerCase().replace(/[\s_]/g, '');
}

/** True when the status info reports a failure rather than success or a warning. */
export function isFailure(info: StatusInfo): boolean {
  const major = info.codeMajor?.toLowerCase();
  if (major === 'failure') return true;
  if (major === 'success' || major === 'processing') return false;
  return info.severity?.toLowerCase() === 'error';
}
