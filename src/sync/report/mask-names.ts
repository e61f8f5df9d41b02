import type { RosterReport, TeacherEntry } from './report-types.js';

/** Options every report renderer takes. */
export interface ReportRenderOptions {
  /**
   * Show teachers' names as initials (`J.`) and mask their emails (`j***@district.org`), to share the
   * report beyond the people who may see the roster. Counts and sourcedIds stay as they are.
   * @default false
   */
  maskNames?: boolean;
}

/** The first character of a name (a whole code point, so an emoji or a CJK name is not split), with a dot. */
export function initialOf(name: string): string {
  const first = name.trim().codePointAt(0);
  return first === undefined ? '' : `${String.fromCodePoint(first).toLocaleUpperCase('en')}.`;
}

/** The email's first character and its domain: who the district is, not who the teacher is. */
export function maskEmail(email: string): string {
  const at = email.lastIndexOf('@');
  const first = email.codePointAt(0);
  if (at <= 0 || first === undefined) return '***';
  return `${String.fromCodePoint(first)}***${email.slice(at)}`;
}

function maskTeacher(teacher: TeacherEntry): TeacherEntry {
  return {
    ...teacher,
    givenName: initialOf(teacher.givenName),
    familyName: initialOf(teacher.familyName),
    email: teacher.email === undefined ? undefined : maskEmail(teacher.email),
  };
}

/** The report as a renderer shows it: with masked names when asked. */
export function reportForRendering(report: RosterReport, options: ReportRenderOptions = {}): RosterReport {
  if (!options.maskNames || report.teachers === undefined) return report;
  return { ...report, teachers: report.teachers.map(maskTeacher) };
}
