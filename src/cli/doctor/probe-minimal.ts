import type { MinimalPresetEntity } from '../../query/fields.js';
import { type Check, check } from './doctor-report.js';
import { minimalPreset } from './minimal-preset.js';
import { describeFailure, isRefusal, type ProbeContext } from './probe-context.js';
import { warningsOf } from './read-body.js';
import type { OneRosterVersion } from './versions.js';

/** The collections a sync pulls with the preset, and the entity each one's preset is for. */
const PRESET_COLLECTIONS = [
  ['orgs', 'org'],
  ['academicSessions', 'academicSession'],
  ['courses', 'course'],
  ['classes', 'class'],
  ['users', 'user'],
  ['enrollments', 'enrollment'],
] as const satisfies readonly (readonly [string, MinimalPresetEntity])[];

interface PresetAnswers {
  /** Collections that refused the preset, with the status. */
  refused: Record<string, string>;
  /** Collections that failed for another reason (a 5xx, no answer): they cannot tell. */
  failed: Record<string, string>;
  /** Collections that answered with an `invalid_selection_field` warning: a field of the preset is unknown there. */
  warned: string[];
}

/** Asks each collection for the preset of `version`, exactly as the client would send it. */
async function askPreset(
  context: ProbeContext,
  version: OneRosterVersion,
  only?: (entity: MinimalPresetEntity) => boolean,
): Promise<PresetAnswers> {
  const answers: PresetAnswers = { refused: {}, failed: {}, warned: [] };
  for (const [collection, entity] of PRESET_COLLECTIONS) {
    if (only !== undefined && !only(entity)) continue;
    const answer = await context.session.get(collection, {
      limit: 5,
      fields: minimalPreset(version, entity).join(','),
    });
    if (!answer.ok) {
      const why = describeFailure(answer.status, answer.error);
      if (isRefusal(answer.status)) answers.refused[collection] = why;
      else answers.failed[collection] = why;
    } else if (warningsOf(answer.body).some((code) => code.replace(/_/g, '') === 'invalidselectionfield')) {
      answers.warned.push(collection);
    }
  }
  return answers;
}

function list(entries: Record<string, string>): string {
  return Object.entries(entries)
    .map(([collection, why]) => `${collection} (${why})`)
    .join(', ');
}

/** True when the two versions' presets differ for an entity (users: `roles` against `role` and `orgs`). */
function differs(entity: MinimalPresetEntity): boolean {
  return minimalPreset('1.1', entity).join() !== minimalPreset('1.2', entity).join();
}

/**
 * The `minimal` preset (what `sync` and `pull` ask for by default) as the client sends it for the
 * version found, on each collection a sync pulls: only an answer to that exact request makes the
 * preset safe. When the command's client speaks another version (no `--oneroster-version` on a 1.2
 * provider), the preset it would send is asked too.
 */
export async function probeMinimal(context: ProbeContext): Promise<Check> {
  const title = 'Minimal preset';
  const version = context.version;
  const { refused, failed, warned } = await askPreset(context, version);
  const clientVersion = context.configured.version ?? '1.1';
  const asClient = clientVersion === version ? undefined : await askPreset(context, clientVersion, differs);
  const detected = {
    version,
    refused,
    failed,
    warned,
    clientVersion,
    clientRefused: asClient?.refused ?? {},
  };
  const clientNote =
    asClient !== undefined && Object.keys(asClient.refused).length > 0
      ? `; the ${clientVersion} preset the client sends now is refused on ${list(asClient.refused)}`
      : '';
  if (Object.keys(refused).length > 0) {
    return check(
      'minimal',
      title,
      'unsupported',
      `the ${version} preset is refused on ${list(refused)}${clientNote}`,
      detected,
    );
  }
  if (Object.keys(failed).length > 0) {
    return check('minimal', title, 'unknown', `cannot tell: ${list(failed)}${clientNote}`, detected);
  }
  if (warned.length > 0) {
    return check(
      'minimal',
      title,
      'deviation',
      `the ${version} preset is answered with an unknown-field warning on ${warned.join(', ')}${clientNote}`,
      detected,
    );
  }
  return check(
    'minimal',
    title,
    'ok',
    `the ${version} preset, as the client sends it, is accepted on all ${PRESET_COLLECTIONS.length} collections${clientNote}`,
    detected,
  );
}
