import type { AdviceRule } from './advise.js';
import type { Detail } from './doctor-report.js';

/** The version a finding names, or undefined. */
function versionIn(value: Detail | undefined): '1.1' | '1.2' | undefined {
  return value === '1.1' || value === '1.2' ? value : undefined;
}

export const version: AdviceRule = {
  id: 'version',
  reads: ['version', 'minimal'],
  advise(findings) {
    const found = findings.detected('version');
    const served = versionIn(found?.['version']);
    // Only a version the path or the users told, never the 1.1 assumed when nothing did.
    if (served === undefined || findings.status('version') === 'unknown') return undefined;
    // A 1.1 path serving 1.2-shaped users is a 1.1 service with a quirk (see user-shape), not 1.2.
    if (findings.status('version') === 'deviation') return undefined;
    const configured = versionIn(found?.['configured']);
    if ((configured ?? '1.1') === served) return undefined;
    const asked = findings.detected('minimal')?.['clientRefused'];
    const refused =
      asked !== null && typeof asked === 'object' && !Array.isArray(asked) ? Object.keys(asked) : [];
    const cost =
      served === '1.2' && configured === undefined
        ? refused.length > 0
          ? ` Without it the client speaks 1.1: its minimal preset asks ${refused.join(', ')} for role and orgs, which this provider refuses.`
          : ' Without it the client speaks 1.1 and reads 1.2 users only in lenient validation.'
        : '';
    return {
      text: `The provider serves OneRoster ${served}${configured === undefined ? '' : `, not ${configured}`}: pass --oneroster-version ${served} (createOneRosterClient version: '${served}').${cost}`,
      flags: [`--oneroster-version ${served}`],
      options: { version: served },
    };
  },
};

export const validation: AdviceRule = {
  id: 'validation',
  reads: ['validation', 'version'],
  advise(findings) {
    const found = findings.detected('validation');
    const rejected = found?.['rejected'];
    const what =
      rejected !== null && typeof rejected === 'object' && !Array.isArray(rejected)
        ? Object.entries(rejected).map(
            ([name, fields]) => `${name} (${Array.isArray(fields) ? fields.join(', ') : ''})`,
          )
        : [];
    if (findings.status('validation') === 'deviation') {
      return {
        text: 'Some records break the schema even in lenient validation: they are skipped (quarantined, reported by sourcedId), and a sync then retires nothing from their collection. Ask the provider to fix them.',
      };
    }
    if (findings.status('validation') !== 'unsupported') return undefined;
    // The version as the version check found it and the command said it, as the version rule reads them.
    const versionFound = findings.detected('version');
    const served = versionIn(versionFound?.['version']);
    const client = versionIn(versionFound?.['configured']) ?? '1.1';
    if (findings.status('version') === 'ok' && served !== undefined && served !== client) {
      return {
        text: `Strict validation rejects ${what.join(', ')} read as OneRoster ${client} records: the provider serves ${served}. Pass --oneroster-version ${served}, or keep validation: 'lenient'.`,
        flags: [`--oneroster-version ${served}`],
        options: { version: served },
      };
    }
    return {
      text: `Strict validation rejects ${what.join(', ')}: use validation: 'lenient' (the default), which repairs the deviations it knows and skips (quarantines) what still breaks the schema.`,
      options: { validation: 'lenient' },
    };
  },
};

/** Checks whose deviations the client normalises. */
const NORMALISED = ['booleans', 'nulls', 'user-shape', 'envelope', 'school-envelope'];

export const lenient: AdviceRule = {
  id: 'lenient',
  reads: [...NORMALISED, 'validation'],
  advise(findings) {
    const normalised = NORMALISED.filter((id) => findings.status(id) === 'deviation');
    if (normalised.length === 0) return undefined;
    // Strict validation that read every record needs no advice to leave it; one that rejects has its own.
    const status = findings.status('validation');
    if (status === 'unsupported') return undefined;
    if (status === 'ok' && findings.detected('validation')?.['mode'] === 'strict') return undefined;
    return {
      text: `Keep validation: 'lenient' (the default): it normalises what this provider sends differently (${normalised.join(', ')}).`,
      options: { validation: 'lenient' },
    };
  },
};

export const errorShape: AdviceRule = {
  id: 'error-shape',
  reads: ['error-shape'],
  advise(findings) {
    if (findings.status('error-shape') !== 'deviation') return undefined;
    return {
      text: 'Error bodies deviate from the spec: rely on the error classes (status), not on statusInfo.codeMinor.',
    };
  },
};

export const tombstones: AdviceRule = {
  id: 'tombstones',
  reads: ['tombstones'],
  advise(findings) {
    if (findings.detected('tombstones')?.['seen'] === true) return undefined;
    return {
      text: 'No deletions were seen: if the provider hides them, deltas miss deletes. Keep the periodic full sync (fullSyncEveryMs, 7 days by default) or shorten it.',
    };
  },
};
