import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { strToU8, zipSync } from 'fflate';

/** A package's files by name, as text written byte for byte. */
export type PackageText = Record<string, string>;

/** A 1.1 manifest supplying the named files in one mode, `absent` for the others. */
export function manifest(modes: Record<string, 'bulk' | 'delta'>): string {
  const names = [
    'academicSessions',
    'categories',
    'classes',
    'classResources',
    'courses',
    'courseResources',
    'demographics',
    'enrollments',
    'lineItems',
    'orgs',
    'resources',
    'results',
    'users',
  ];
  return [
    'propertyName,value',
    'manifest.version,1.0',
    'oneroster.version,1.1',
    ...names.map((name) => `file.${name},${modes[name] ?? 'absent'}`),
    'source.systemName,Hand Written SIS',
    'source.systemCode,HW1',
  ].join('\n');
}

/**
 * A small bulk district written by hand from the 1.1 CSV tables: one district, two schools (one of
 * them with a leading-zero code), a year and a term, a course, a class, three users, three enrollments.
 */
export const BULK_DISTRICT: PackageText = {
  'manifest.csv': manifest({
    orgs: 'bulk',
    academicSessions: 'bulk',
    courses: 'bulk',
    classes: 'bulk',
    users: 'bulk',
    enrollments: 'bulk',
  }),
  'orgs.csv': [
    'sourcedId,status,dateLastModified,name,type,identifier,parentSourcedId',
    'd1,,,Springfield District,district,D-1,',
    's1,,,Lincoln Elementary,school,0123,d1',
    's2,,,"Roosevelt Middle, North",school,456,d1',
  ].join('\n'),
  'academicSessions.csv': [
    'sourcedId,status,dateLastModified,title,type,startDate,endDate,parentSourcedId,schoolYear',
    'y1,,,2025-2026,schoolYear,2025-08-15,2026-06-10,,2026',
    't1,,,Fall,term,2025-08-15,2026-01-10,y1,2026',
  ].join('\n'),
  'courses.csv': [
    'sourcedId,status,dateLastModified,schoolYearSourcedId,title,courseCode,grades,orgSourcedId,subjects,subjectCodes',
    'c1,,,y1,Math 5,M5,05,s1,"math,arithmetic",',
  ].join('\n'),
  'classes.csv': [
    'sourcedId,status,dateLastModified,title,grades,courseSourcedId,classCode,classType,location,schoolSourcedId,termSourcedIds,subjects,subjectCodes,periods',
    'k1,,,Math 5 - A,05,c1,M5-A,scheduled,Room 4,s1,t1,math,,"1,2"',
  ].join('\n'),
  'users.csv': [
    'sourcedId,status,dateLastModified,enabledUser,orgSourcedIds,role,username,userIds,givenName,familyName,middleName,identifier,email,sms,phone,agentSourcedIds,grades,password',
    'u1,,,true,s1,student,asmith,{studentId:S1},Ann,Smith,,S1,ann@example.org,,,,05,secret1',
    'u2,,,TRUE,"s1,s2",teacher,bjones,"{staffId:T2},{stateId:99}",Bob,Jones,Lee,T2,bob@example.org,,555-0100,,,',
    'u3,,,True,s1,student,cdoe,,Cy,"O""Doe",,S3,cy@example.org,,,u2,05,',
  ].join('\n'),
  'enrollments.csv': [
    'sourcedId,status,dateLastModified,classSourcedId,schoolSourcedId,userSourcedId,role,primary,beginDate,endDate',
    'e1,,,k1,s1,u1,student,,2025-08-15,',
    'e2,,,k1,s1,u2,teacher,true,,',
    'e3,,,k1,s1,u3,student,false,,',
  ].join('\n'),
};

/** Temporary folders, removed by `cleanup`. */
const made: string[] = [];

export async function tempDir(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'oneroster-csv-'));
  made.push(dir);
  return dir;
}

/** Writes the package as a directory. */
export async function writeDir(files: PackageText): Promise<string> {
  const dir = await tempDir();
  for (const [name, text] of Object.entries(files)) await writeFile(join(dir, name), text);
  return dir;
}

/** Writes the package as a zip; `folder` puts the files in a folder inside it. */
export async function writeZip(files: PackageText, folder = ''): Promise<string> {
  const dir = await tempDir();
  const entries = Object.fromEntries(
    Object.entries(files).map(([name, text]) => [`${folder}${name}`, strToU8(text)]),
  );
  const path = join(dir, 'roster.zip');
  await writeFile(path, zipSync(entries));
  return path;
}

export async function cleanup(): Promise<void> {
  for (const dir of made.splice(0)) await rm(dir, { recursive: true, force: true });
}
