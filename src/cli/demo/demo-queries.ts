import { DEMO_TENANT } from './demo-database.js';

/** A school's roster after the demo sync. */
export interface SchoolSummary {
  id: string;
  name: string;
  students: number;
  teachers: number;
  classes: number;
  enrollments: number;
}

/** The query the demo prints and runs, so a person sees how to read the roster with plain SQL. */
export const SAMPLE_QUERY = `SELECT json_extract(c.record, '$.classCode') AS code,
       json_extract(c.record, '$.title') AS class,
       json_extract(s.record, '$.name') AS school,
       count(*) AS students
FROM roster_records e
JOIN roster_records c ON c.tenant = e.tenant AND c.collection = 'classes'
  AND c.sourced_id = json_extract(e.record, '$.class.sourcedId')
JOIN roster_records s ON s.tenant = e.tenant AND s.collection = 'orgs'
  AND s.sourced_id = json_extract(c.record, '$.school.sourcedId')
WHERE e.tenant = '${DEMO_TENANT}' AND e.collection = 'enrollments' AND e.status = 'active'
  AND json_extract(e.record, '$.role') = 'student'
GROUP BY c.sourced_id
ORDER BY students DESC, code
LIMIT 5;`;

const SCHOOLS = `SELECT sourced_id AS id, json_extract(record, '$.name') AS name FROM roster_records
  WHERE tenant = ? AND collection = 'orgs' AND status = 'active' AND json_extract(record, '$.type') = 'school'
  ORDER BY name`;
// One pass per collection, grouped by school: linear in the roster, whatever the number of schools.
const USERS_BY_SCHOOL = `SELECT json_extract(o.value, '$.sourcedId') AS school, json_extract(u.record, '$.role') AS role,
  count(*) AS n FROM roster_records u, json_each(u.record, '$.orgs') o
  WHERE u.tenant = ? AND u.collection = 'users' AND u.status = 'active' GROUP BY school, role`;
const BY_SCHOOL = `SELECT json_extract(record, '$.school.sourcedId') AS school, count(*) AS n FROM roster_records
  WHERE tenant = ? AND collection = ? AND status = 'active' GROUP BY school`;

/** What the demo reads back from its database. */
export interface DemoQueries {
  schools: SchoolSummary[];
  sample: Record<string, unknown>[];
}

/** Reads the per-school counts and runs the sample query, on a read-only connection. */
export async function queryDemoDatabase(path: string): Promise<DemoQueries> {
  const { default: Database } = await import('better-sqlite3');
  const db = new Database(path, { readonly: true, fileMustExist: true });
  try {
    const schools = db.prepare<[string], { id: string; name: string }>(SCHOOLS).all(DEMO_TENANT);
    const users = db
      .prepare<[string], { school: string; role: string; n: number }>(USERS_BY_SCHOOL)
      .all(DEMO_TENANT);
    const countsOf = (collection: string): Map<string, number> =>
      new Map(
        db
          .prepare<[string, string], { school: string; n: number }>(BY_SCHOOL)
          .all(DEMO_TENANT, collection)
          .map((row) => [row.school, row.n]),
      );
    const classes = countsOf('classes');
    const enrollments = countsOf('enrollments');
    const usersOf = (school: string, role: string): number =>
      users.find((row) => row.school === school && row.role === role)?.n ?? 0;
    return {
      schools: schools.map(({ id, name }) => ({
        id,
        name,
        students: usersOf(id, 'student'),
        teachers: usersOf(id, 'teacher'),
        classes: classes.get(id) ?? 0,
        enrollments: enrollments.get(id) ?? 0,
      })),
      sample: db.prepare<[], Record<string, unknown>>(SAMPLE_QUERY).all(),
    };
  } finally {
    db.close();
  }
}
