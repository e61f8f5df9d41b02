import { type Check, check } from './doctor-report.js';
import type { ProbeContext } from './probe-context.js';
import { recordsOf } from './read-body.js';
import { type OneRosterVersion, ROSTERING_PATHS, versionOfBaseUrl, versionOfUser } from './versions.js';

const TITLE = 'OneRoster version';

/** A user record with every field: the endpoints probe's, or one more request when it had none. */
async function sampleUser(context: ProbeContext): Promise<Record<string, unknown> | undefined> {
  const known = context.samples['users'];
  if (known !== undefined) return known;
  const answer = await context.session.get('users', { limit: 1 });
  return answer.ok ? recordsOf(answer.body, 'users')?.[0] : undefined;
}

function byWhat(path: OneRosterVersion | undefined, shape: OneRosterVersion | undefined): string {
  const reasons = [
    ...(path === undefined ? [] : [`path ${ROSTERING_PATHS[path]}`]),
    ...(shape === undefined ? [] : [shape === '1.2' ? 'users with roles[]' : 'users with role and orgs']),
  ];
  return reasons.join(', ');
}

/**
 * Which version the provider serves, from the base URL's path and the shape of its users. The path
 * wins when both tell: a 1.1 service that sends users shaped like 1.2 is a 1.1 service with a quirk
 * (`user-shape`), which lenient validation reads. Later probes ask for fields of the version found.
 */
export async function probeVersion(context: ProbeContext): Promise<Check> {
  const path = versionOfBaseUrl(context.client.options.baseUrl);
  const shape = versionOfUser(await sampleUser(context));
  const version = path ?? shape ?? '1.1';
  context.version = version;
  const configured = context.configured.version ?? null;
  const detected = { version, byPath: path ?? null, byShape: shape ?? null, configured };
  const said =
    configured === null
      ? version === '1.1'
        ? ''
        : '; the command did not say --oneroster-version 1.2 (the client then speaks 1.1)'
      : configured === version
        ? `; --oneroster-version ${configured} fits`
        : `; the command said --oneroster-version ${configured}`;
  if (path !== undefined && shape !== undefined && path !== shape) {
    return check(
      'version',
      TITLE,
      'deviation',
      `${version} by its path, but its users are shaped like ${shape}${said}`,
      detected,
    );
  }
  if (path === undefined && shape === undefined) {
    return check(
      'version',
      TITLE,
      'unknown',
      `${version} assumed: neither the path nor a user tells${said}`,
      detected,
    );
  }
  return check('version', TITLE, 'ok', `${version} (${byWhat(path, shape)})${said}`, detected);
}
