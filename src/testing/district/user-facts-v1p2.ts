/**
 * The facts about a person that OneRoster 1.2 has fields for and 1.1 has not (master identifier,
 * preferred names, pronouns). They come from their own random stream, so the 1.1 records stay byte
 * for byte what they were, and both views of one district describe the same people.
 */
import type { DistrictShape } from './district-options.js';
import { parseId } from './ids.js';
import { FAMILY_NAMES, GIVEN_NAMES } from './names.js';
import { hashText, recordRandom, STREAM } from './prng.js';
import type { RosterRecord } from './records.js';

/** A user's 1.2-only person fields; absent ones are not known for that person. */
export interface UserFactsV1p2 {
  readonly userMasterIdentifier?: string;
  readonly preferredFirstName?: string;
  readonly preferredLastName?: string;
  readonly pronouns?: string;
}

/** The pronoun statements people give, in the spec's examples' form. */
const PRONOUNS: readonly string[] = ['she/her/hers', 'he/him/his', 'they/them/theirs'];

/** Share of people who go by another first name, by another last name, and who state pronouns. */
const PREFERRED_FIRST_NAME_SHARE = 0.1;
const PREFERRED_LAST_NAME_SHARE = 0.02;
const PRONOUNS_SHARE = 0.25;

/** A name from `pool` other than `current`. */
function otherName(pool: readonly string[], index: number, current: unknown): string {
  const name = pool[index % pool.length] ?? '';
  return name === current ? (pool[(index + 1) % pool.length] ?? name) : name;
}

/**
 * The 1.2-only facts of a user record. A base user is keyed by its index, any other (inserted) user
 * by a hash of its sourcedId, so every user gets the same facts on every read.
 */
export function userFactsV1p2(shape: DistrictShape, record: RosterRecord): UserFactsV1p2 {
  const index = parseId('users', record.sourcedId) ?? hashText(record.sourcedId);
  const random = recordRandom(shape.seed, STREAM.usersV1p2, index);
  // Every draw happens whatever the outcome, so one fact never shifts another.
  const firstName = random.chance(PREFERRED_FIRST_NAME_SHARE);
  const firstNameIndex = random.int(GIVEN_NAMES.length);
  const lastName = random.chance(PREFERRED_LAST_NAME_SHARE);
  const lastNameIndex = random.int(FAMILY_NAMES.length);
  const pronouns = random.chance(PRONOUNS_SHARE);
  const pronounsIndex = random.int(PRONOUNS.length);
  return {
    // Ed-Fi serves the state's unique id as userMasterIdentifier; here it is the SIS `identifier`.
    ...(typeof record['identifier'] === 'string' ? { userMasterIdentifier: record['identifier'] } : {}),
    ...(firstName ? { preferredFirstName: otherName(GIVEN_NAMES, firstNameIndex, record['givenName']) } : {}),
    ...(lastName ? { preferredLastName: otherName(FAMILY_NAMES, lastNameIndex, record['familyName']) } : {}),
    ...(pronouns ? { pronouns: PRONOUNS[pronounsIndex] } : {}),
  };
}
