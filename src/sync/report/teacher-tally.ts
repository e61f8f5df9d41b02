import { textOf } from './record-fields.js';
import type { TeacherEntry } from './report-types.js';

interface TeacherState {
  entry: Omit<TeacherEntry, 'classes'>;
  classes: Set<string>;
}

/** The teacher list: one entry per active teacher, with the distinct classes it teaches. */
export interface TeacherTally {
  add(record: Record<string, unknown> & { sourcedId: string }, schools: readonly string[]): void;
  /** Counts an active class for the teacher; no-op for a user that is not a listed teacher. */
  addClass(sourcedId: string, classId: string): void;
  /** By family name, given name, then sourcedId. */
  results(): TeacherEntry[];
}

const byName = new Intl.Collator('en', { sensitivity: 'base' });

export function createTeacherTally(): TeacherTally {
  const teachers = new Map<string, TeacherState>();
  return {
    add(record, schools) {
      teachers.set(record.sourcedId, {
        entry: {
          sourcedId: record.sourcedId,
          givenName: textOf(record['givenName']) ?? '',
          familyName: textOf(record['familyName']) ?? '',
          email: textOf(record['email']),
          schools,
        },
        classes: new Set(),
      });
    },
    addClass(sourcedId, classId) {
      teachers.get(sourcedId)?.classes.add(classId);
    },
    results: () =>
      [...teachers.values()]
        .map(({ entry, classes }) => ({ ...entry, classes: classes.size }))
        .sort(
          (left, right) =>
            byName.compare(left.familyName, right.familyName) ||
            byName.compare(left.givenName, right.givenName) ||
            (left.sourcedId < right.sourcedId ? -1 : left.sourcedId > right.sourcedId ? 1 : 0),
        ),
  };
}
