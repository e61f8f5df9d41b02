/**
 * Name pools for synthetic people and places. They deliberately include apostrophes, accents,
 * spaces and hyphens: the values that break filters, signatures and naive CSV exports.
 */

/** Given names. */
export const GIVEN_NAMES: readonly string[] = [
  'Olivia',
  'Liam',
  'Emma',
  'Noah',
  'Ava',
  'Mateo',
  'Sofía',
  'José',
  'Mary Ann',
  'Zoë',
  'Chloé',
  'Renée',
  'Aaliyah',
  'Muhammad',
  'Mei',
  'Wei',
  'Hiroshi',
  'Yuki',
  'Priya',
  'Arjun',
  'Fatima',
  'Omar',
  'Siobhán',
  'Seán',
  'Ngozi',
  'Chidi',
  'Thảo',
  'Minh',
  'Jean-Luc',
  'Anne-Marie',
  'Björn',
  'Søren',
  'Łukasz',
  'Zoltán',
  'Ximena',
  'Joaquín',
  'Kai',
  'Leilani',
  "D'Andre",
  "La'Shawn",
  'Mackenzie',
  'Elijah',
  'Isabella',
  'Ethan',
  'Amelia',
  'Lucas',
  'Harper',
  'Benjamin',
  'Evelyn',
  'Henry',
  'Camila',
  'Jamal',
  'Imani',
  'Dmitri',
  'Anya',
];

/** Family names. */
export const FAMILY_NAMES: readonly string[] = [
  'Smith',
  'Johnson',
  'Williams',
  'Brown',
  'García',
  'Rodríguez',
  'Martínez',
  'Hernández',
  'López',
  'Nguyễn',
  'Trần',
  'Lê',
  'Phạm',
  'Kim',
  'Park',
  'Chen',
  'Wang',
  'Li',
  'Patel',
  'Singh',
  'Khan',
  'Ahmed',
  "O'Connor",
  "O'Brien",
  "D'Angelo",
  "N'Diaye",
  'McDonald',
  'MacLeod',
  'van der Berg',
  'de la Cruz',
  'Da Silva',
  'St. John',
  'Smith-Jones',
  'Müller',
  'Schäfer',
  'Øvergaard',
  'Kowalski',
  'Nowak',
  'Okafor',
  'Adeyemi',
  'Mensah',
  'Cohen',
  'Levi',
  'Yamamoto',
  'Tanaka',
  'Ivanova',
  'Jackson',
  'Davis',
  'Wilson',
  'Anderson',
  'Taylor',
  'Thomas',
];

/** Names that schools are named after. */
export const SCHOOL_NAMESAKES: readonly string[] = [
  'César Chávez',
  "Georgia O'Keeffe",
  'Mary McLeod Bethune',
  'Frederick Douglass',
  'Sonia Sotomayor',
  'Dolores Huerta',
  'Roberto Clemente',
  'Amelia Earhart',
  'Thurgood Marshall',
  'Sally Ride',
  'Maya Angelou',
  'Rachel Carson',
  'Jackie Robinson',
  'Ellen Ochoa',
  'Grace Hopper',
  'Langston Hughes',
  'Ruth Bader Ginsburg',
  'Daniel Inouye',
  'Wilma Mankiller',
  'Katherine Johnson',
  'Booker T. Washington',
  'Pío Pico',
  'Riverside',
  'Lakeview',
  'Maple Grove',
  'Cedar Hills',
  'Eastgate',
  'Westwood',
  'Northfield',
  'Southside',
];

/** Cities, for districts and birthplaces. */
export const CITIES: readonly string[] = [
  'Springfield',
  'Riverside',
  'Fairview',
  'San José',
  "Coeur d'Alene",
  'Santa Fe',
  'Lakewood',
  'Greenville',
  'Bristol',
  'Madison',
  'Georgetown',
  'Salem',
  'Franklin',
  'Clinton',
  'Ashland',
  'Dover',
];

/** US state abbreviations, for demographics. */
export const STATES: readonly string[] = [
  'CA',
  'NY',
  'TX',
  'FL',
  'IL',
  'WA',
  'AZ',
  'NM',
  'GA',
  'MA',
  'OH',
  'MN',
];

/** Handles already computed: the name pools are small, and NFD normalisation is slow per record. */
const handleCache = new Map<string, string>();

/** Ascii, lower-case and without spaces or punctuation: how SIS usernames are usually derived from names. */
export function toAsciiHandle(text: string): string {
  const cached = handleCache.get(text);
  if (cached !== undefined) return cached;
  const handle = text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/ø/gi, 'o')
    .replace(/ł/gi, 'l')
    .replace(/đ/gi, 'd')
    .replace(/[^A-Za-z0-9]/g, '')
    .toLowerCase();
  if (handleCache.size < 10_000) handleCache.set(text, handle);
  return handle;
}
