/** Options of the synthetic district, its presets, and the counts derived from them. */

/** Named sizes of a synthetic district. */
export type DistrictPreset = 'tiny' | 'small' | 'large' | 'largest';

/** How to generate a district. Explicit counts override the preset's. */
export interface DistrictOptions {
  /**
   * Seed of every generated value; the same seed and counts give the same district.
   * @default 1
   */
  seed?: number;
  /**
   * Starting sizes. `tiny`: 2 schools, 24 students; `small`: 4 schools, 600 students;
   * `large`: 180 schools, about 100k students; `largest`: 1,870 schools, about 1.05M students,
   * 75k teachers, 275k classes and 6.6M enrollments (a New York City sized pull).
   * @default 'tiny'
   */
  preset?: DistrictPreset;
  /** Schools in the district. */
  schools?: number;
  /** Students in each school. */
  studentsPerSchool?: number;
  /** Teachers in each school. */
  teachersPerSchool?: number;
  /** Classes in each school; each has one teacher of record. */
  classesPerSchool?: number;
  /** Courses in each school; classes are sections of them. */
  coursesPerSchool?: number;
  /** Classes each student is enrolled in (at most `classesPerSchool`). */
  enrollmentsPerStudent?: number;
  /**
   * Terms of the school year.
   * @default 2
   */
  termsPerYear?: number;
  /**
   * Grading periods in each term.
   * @default 2
   */
  gradingPeriodsPerTerm?: number;
  /**
   * The school year, named by the calendar year it ends in (spec: `schoolYear` "2026" is 2025-2026).
   * @default 2026
   */
  schoolYear?: number;
  /**
   * Whether user records carry a `password`, as some SIS exports do; lets tests prove it is never requested.
   * @default true
   */
  passwords?: boolean;
}

/** Counts per school of each preset. */
const PRESETS: Record<
  DistrictPreset,
  Required<
    Omit<
      DistrictOptions,
      'seed' | 'preset' | 'termsPerYear' | 'gradingPeriodsPerTerm' | 'schoolYear' | 'passwords'
    >
  >
> = {
  tiny: {
    schools: 2,
    studentsPerSchool: 12,
    teachersPerSchool: 3,
    classesPerSchool: 6,
    coursesPerSchool: 3,
    enrollmentsPerStudent: 2,
  },
  small: {
    schools: 4,
    studentsPerSchool: 150,
    teachersPerSchool: 10,
    classesPerSchool: 30,
    coursesPerSchool: 12,
    enrollmentsPerStudent: 5,
  },
  large: {
    schools: 180,
    studentsPerSchool: 556,
    teachersPerSchool: 40,
    classesPerSchool: 147,
    coursesPerSchool: 40,
    enrollmentsPerStudent: 6,
  },
  largest: {
    schools: 1_870,
    studentsPerSchool: 562,
    teachersPerSchool: 40,
    classesPerSchool: 147,
    coursesPerSchool: 40,
    enrollmentsPerStudent: 6,
  },
};

/** The resolved layout of a district: every count the generators and relations compute with. */
export interface DistrictShape {
  readonly seed: number;
  readonly schools: number;
  readonly studentsPerSchool: number;
  readonly teachersPerSchool: number;
  readonly classesPerSchool: number;
  readonly coursesPerSchool: number;
  /** Classes each student takes, clamped to the classes available. */
  readonly enrollmentsPerStudent: number;
  /** Sections offered per enrollment slot: slot `t` of a student is one of `sectionsPerSlot` classes. */
  readonly sectionsPerSlot: number;
  readonly termsPerYear: number;
  readonly gradingPeriodsPerTerm: number;
  readonly schoolYear: number;
  readonly passwords: boolean;
  readonly students: number;
  readonly teachers: number;
  /** Enrollments of one school: its student enrollments, then one teacher enrollment per class. */
  readonly enrollmentsPerSchool: number;
  readonly counts: {
    readonly orgs: number;
    readonly academicSessions: number;
    readonly courses: number;
    readonly classes: number;
    readonly users: number;
    readonly enrollments: number;
    readonly demographics: number;
  };
  /** Base records are last modified in [baseModifiedFromMs, baseModifiedToMs]. */
  readonly baseModifiedFromMs: number;
  readonly baseModifiedToMs: number;
}

/** Validates a count option. */
function count(name: string, value: number, minimum: number): number {
  if (!Number.isInteger(value) || value < minimum) {
    throw new RangeError(`generateDistrict: ${name} must be an integer >= ${minimum}, got ${value}`);
  }
  return value;
}

/** Applies defaults and the preset, and derives the layout. */
export function resolveDistrictShape(options: DistrictOptions = {}): DistrictShape {
  const preset = PRESETS[options.preset ?? 'tiny'];
  const schools = count('schools', options.schools ?? preset.schools, 1);
  const studentsPerSchool = count(
    'studentsPerSchool',
    options.studentsPerSchool ?? preset.studentsPerSchool,
    0,
  );
  const teachersPerSchool = count(
    'teachersPerSchool',
    options.teachersPerSchool ?? preset.teachersPerSchool,
    1,
  );
  const classesPerSchool = count('classesPerSchool', options.classesPerSchool ?? preset.classesPerSchool, 1);
  const coursesPerSchool = Math.min(
    classesPerSchool,
    count('coursesPerSchool', options.coursesPerSchool ?? preset.coursesPerSchool, 1),
  );
  const enrollmentsPerStudent = Math.min(
    classesPerSchool,
    count('enrollmentsPerStudent', options.enrollmentsPerStudent ?? preset.enrollmentsPerStudent, 0),
  );
  const termsPerYear = count('termsPerYear', options.termsPerYear ?? 2, 1);
  const gradingPeriodsPerTerm = count('gradingPeriodsPerTerm', options.gradingPeriodsPerTerm ?? 2, 0);
  const schoolYear = count('schoolYear', options.schoolYear ?? 2026, 1971);
  const students = schools * studentsPerSchool;
  const teachers = schools * teachersPerSchool;
  const enrollmentsPerSchool = studentsPerSchool * enrollmentsPerStudent + classesPerSchool;
  return {
    seed: options.seed ?? 1,
    schools,
    studentsPerSchool,
    teachersPerSchool,
    classesPerSchool,
    coursesPerSchool,
    enrollmentsPerStudent,
    sectionsPerSlot: enrollmentsPerStudent === 0 ? 0 : Math.floor(classesPerSchool / enrollmentsPerStudent),
    termsPerYear,
    gradingPeriodsPerTerm,
    schoolYear,
    passwords: options.passwords ?? true,
    students,
    teachers,
    enrollmentsPerSchool,
    counts: {
      orgs: 1 + schools,
      academicSessions: 1 + termsPerYear + termsPerYear * gradingPeriodsPerTerm,
      courses: schools * coursesPerSchool,
      classes: schools * classesPerSchool,
      users: students + teachers,
      enrollments: schools * enrollmentsPerSchool,
      demographics: students + teachers,
    },
    // The summer before the school year: the SIS roll-over that created the records.
    baseModifiedFromMs: Date.UTC(schoolYear - 1, 5, 1),
    baseModifiedToMs: Date.UTC(schoolYear - 1, 7, 1),
  };
}
