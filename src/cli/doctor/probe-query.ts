import { type Check, check } from './doctor-report.js';
import { describeFailure, type ProbeContext } from './probe-context.js';
import { idsOf, recordsOf, warningsOf } from './read-body.js';

/** A field no provider has, to see how unknown fields are answered. */
const UNKNOWN_FIELD = 'onerosterDoctorProbe';

/** Code-point order, as `sort=sourcedId` on most providers; a database collation may differ. */
const ordinal = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** True when the ids are in `direction` order by code point or by the locale's collation. */
function ordered(ids: readonly string[], direction: 1 | -1): boolean {
  const by = (compare: (a: string, b: string) => number): boolean =>
    ids.every((id, index) => index === 0 || compare(ids[index - 1] ?? '', id) * direction <= 0);
  return by(ordinal) || by((a, b) => a.localeCompare(b));
}

/** `sort=sourcedId`, both ways: what the client asks for to keep offset paging stable. */
export async function probeSort(context: ProbeContext): Promise<Check> {
  const title = 'Sort';
  const query = { limit: 5, sort: 'sourcedId', fields: 'sourcedId' };
  const asc = await context.session.get('users', { ...query, orderBy: 'asc' });
  if (!asc.ok) {
    return check(
      'sort',
      title,
      'unsupported',
      `sort=sourcedId refused (${describeFailure(asc.status, asc.error)})`,
      {
        honoured: false,
        refused: true,
      },
    );
  }
  const desc = await context.session.get('users', { ...query, orderBy: 'desc' });
  const warnings = [...warningsOf(asc.body), ...(desc.ok ? warningsOf(desc.body) : [])];
  if (warnings.some((code) => code.replace(/_/g, '') === 'invalidsortfield')) {
    return check('sort', title, 'unsupported', 'sort=sourcedId answered with an invalid_sort_field warning', {
      honoured: false,
      refused: false,
    });
  }
  const up = idsOf(asc.body, 'users');
  const down = desc.ok ? idsOf(desc.body, 'users') : [];
  if (up.length < 2 || down.length < 2) {
    return check('sort', title, 'unknown', 'too few users to tell', { honoured: null, refused: false });
  }
  const honoured = ordered(up, 1) && ordered(down, -1) && up[0] !== down[0];
  return honoured
    ? check('sort', title, 'ok', 'sort=sourcedId&orderBy=asc|desc honoured', {
        honoured: true,
        refused: false,
      })
    : check('sort', title, 'unsupported', "sort ignored: records come in the provider's own order", {
        honoured: false,
        refused: false,
      });
}

/** `fields` (privacy: ask for the minimum) and how an unknown field is answered (1.1 warns, 1.2 refuses). */
export async function probeFields(context: ProbeContext): Promise<Check[]> {
  const asked = ['sourcedId', 'title'];
  const answer = await context.session.get('courses', { limit: 5, fields: asked.join(',') });
  let fields: Check;
  if (!answer.ok) {
    fields = check(
      'fields',
      'Field selection',
      'unsupported',
      `fields refused (${describeFailure(answer.status, answer.error)})`,
      {
        honoured: false,
      },
    );
  } else {
    const records = recordsOf(answer.body, 'courses') ?? [];
    const extra = [...new Set(records.flatMap((record) => Object.keys(record)))].filter(
      (key) => !asked.includes(key),
    );
    fields =
      records.length === 0
        ? check('fields', 'Field selection', 'unknown', 'no courses to tell', { honoured: null })
        : extra.length === 0
          ? check('fields', 'Field selection', 'ok', 'fields=sourcedId,title honoured', {
              honoured: true,
              extra: [],
            })
          : check(
              'fields',
              'Field selection',
              'unsupported',
              `fields ignored: ${extra.join(', ')} came too`,
              {
                honoured: false,
                extra,
              },
            );
  }
  const unknown = await context.session.get('courses', { limit: 1, fields: `sourcedId,${UNKNOWN_FIELD}` });
  const warned =
    unknown.ok && warningsOf(unknown.body).some((code) => code.replace(/_/g, '') === 'invalidselectionfield');
  const unknownField = !unknown.ok
    ? check(
        'unknown-field',
        'Unknown field',
        'deviation',
        `refused with ${describeFailure(unknown.status, unknown.error)} (1.1 answers with a warning): name only fields the provider knows`,
        {
          answer: 'refused',
          status: unknown.status ?? null,
        },
      )
    : warned
      ? check('unknown-field', 'Unknown field', 'ok', 'an invalid_selection_field warning, as 1.1 says', {
          answer: 'warning',
        })
      : check('unknown-field', 'Unknown field', 'deviation', 'ignored without a warning', {
          answer: 'ignored',
        });
  return [fields, unknownField];
}
