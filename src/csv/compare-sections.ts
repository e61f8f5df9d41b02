import type { ReconcileSide } from './reconcile-types.js';
import { resolveSide } from './resolve-side.js';

/** One student of a section, and which sources list them. */
export interface SectionStudent {
  readonly sourcedId: string;
  /** The first source's `identifier`, `givenName` and `familyName` that has the user. */
  readonly identifier: string | undefined;
  readonly name: string | undefined;
  /** Per source, in the order given: whether it enrols the student in the section. */
  readonly in: readonly boolean[];
}

/** The student list of one section across sources, side by side. */
export interface SectionComparison {
  readonly classSourcedId: string;
  /** The sources' labels, in the order given. */
  readonly sources: readonly string[];
  /** Every student any source enrols, in sourcedId order. */
  readonly students: readonly SectionStudent[];
  /** True when every source lists the same students. */
  readonly consistent: boolean;
}

function refId(value: unknown): string | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const sourcedId: unknown = Reflect.get(value, 'sourcedId');
  return typeof sourcedId === 'string' ? sourcedId : undefined;
}

/**
 * The seed's check: pick a section and confirm that several downstream sources (store tenants, CSV
 * packages, live clients) see the same student list. Reads each source's active student enrollments
 * of the class (a walk of the enrollments, one page at a time) and their users.
 * @example
 * const section = await compareSections('class-42', [{ store, tenant: 'sis' }, await openCsvPackage('lms.zip')]);
 * if (!section.consistent) console.table(section.students);
 */
export async function compareSections(
  classSourcedId: string,
  sources: readonly ReconcileSide[],
): Promise<SectionComparison> {
  const sides = [];
  for (const source of sources) sides.push(await resolveSide(source, ['users', 'enrollments']));
  const enrolled = new Map<string, boolean[]>();
  for (const [index, side] of sides.entries()) {
    for await (const enrollment of side.store.iterate(side.tenant, 'enrollments', { status: 'active' })) {
      if (refId(enrollment['class']) !== classSourcedId || enrollment['role'] !== 'student') continue;
      const user = refId(enrollment['user']);
      if (user === undefined) continue;
      const row = enrolled.get(user) ?? sides.map(() => false);
      row[index] = true;
      enrolled.set(user, row);
    }
  }
  const students: SectionStudent[] = [];
  for (const sourcedId of [...enrolled.keys()].sort()) {
    let identifier: string | undefined;
    let name: string | undefined;
    for (const side of sides) {
      const user = await side.store.get(side.tenant, 'users', sourcedId);
      if (user === undefined) continue;
      identifier = typeof user['identifier'] === 'string' ? user['identifier'] : undefined;
      name = [user['givenName'], user['familyName']].filter((part) => typeof part === 'string').join(' ');
      break;
    }
    students.push({ sourcedId, identifier, name, in: enrolled.get(sourcedId) ?? [] });
  }
  return {
    classSourcedId,
    sources: sides.map((side) => side.label),
    students,
    consistent: students.every((student) => student.in.every(Boolean)),
  };
}
