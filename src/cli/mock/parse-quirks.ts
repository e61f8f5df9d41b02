import { COLLECTION_NAMES, type CollectionName } from '../../testing/district/records.js';
import type { MockQuirks } from '../../testing/provider/quirks.js';
import { UsageError } from '../usage-error.js';

type QuirkName = keyof MockQuirks;
type QuirkParser<T> = (value: string | undefined) => T;

function integer(name: string): QuirkParser<number> {
  return (value) => {
    const number = Number(value);
    if (value === undefined || !Number.isInteger(number) || number < 0) {
      throw new UsageError(`--quirk ${name}=N needs a whole number`);
    }
    return number;
  };
}

function oneOf<T extends string>(name: string, choices: readonly T[]): QuirkParser<T> {
  return (value) => {
    const choice = choices.find((candidate) => candidate === value);
    if (choice === undefined) throw new UsageError(`--quirk ${name}= takes ${choices.join(', ')}`);
    return choice;
  };
}

/** `--quirk bareArray` alone switches a flag on; `=false` switches it off again. */
function flag(name: string): QuirkParser<boolean> {
  return (value) => {
    if (value === undefined || value === 'true') return true;
    if (value === 'false') return false;
    throw new UsageError(`--quirk ${name} takes true or false`);
  };
}

/** `--quirk rekeySourcedIds` re-keys every collection; `=users,enrollments` only those. */
function collections(name: string): QuirkParser<boolean | readonly CollectionName[]> {
  return (value) => {
    if (value === undefined || value === 'true' || value === 'false') return value !== 'false';
    const names = value.split(',').map((part) => part.trim());
    const known = names.flatMap((part) => COLLECTION_NAMES.filter((collection) => collection === part));
    if (known.length !== names.length) {
      throw new UsageError(
        `--quirk ${name}= takes true, false or collections among ${COLLECTION_NAMES.join(', ')}`,
      );
    }
    return known;
  };
}

/** Every quirk of the mock provider (docs/testing.md "Quirks"), by the name the option has in code. */
const PARSERS: { readonly [Q in QuirkName]: QuirkParser<Required<MockQuirks>[Q]> } = {
  maxPageSize: integer('maxPageSize'),
  rejectLimitAbove: integer('rejectLimitAbove'),
  totalCount: oneOf('totalCount', ['exact', 'omit', 'negative', 'random']),
  link: oneOf('link', ['standard', 'omit', 'noAngleBrackets', 'trailingComma', 'relative', 'nextDropsQuery']),
  booleans: oneOf('booleans', ['string', 'boolean', 'upperCase']),
  nullOptionalFields: flag('nullOptionalFields'),
  usersAsV1p2: flag('usersAsV1p2'),
  errorShape: oneOf('errorShape', ['imsx', 'statusInfoSet', 'flat', 'noCodeMinor']),
  schoolEnvelope: flag('schoolEnvelope'),
  bareArray: flag('bareArray'),
  hideTombstones: flag('hideTombstones'),
  driftInsertsPerPage: integer('driftInsertsPerPage'),
  permRevHeader: flag('permRevHeader'),
  rejectUnknownFields: flag('rejectUnknownFields'),
  noNestedEndpoints: flag('noNestedEndpoints'),
  singularEnvelopes: flag('singularEnvelopes'),
  unstableTieOrder: flag('unstableTieOrder'),
  rekeySourcedIds: collections('rekeySourcedIds'),
  rekeyLink: oneOf('rekeyLink', ['metadata', 'omit']),
};

function isQuirkName(name: string): name is QuirkName {
  return Object.hasOwn(PARSERS, name);
}

/** The quirk names, for help texts. */
export const QUIRK_NAMES: readonly QuirkName[] = Object.keys(PARSERS).filter(isQuirkName);

function setQuirk<Q extends QuirkName>(quirks: MockQuirks, name: Q, value: string | undefined): void {
  quirks[name] = PARSERS[name](value);
}

/** Reads repeated `--quirk name[=value]` flags into the mock's quirks. */
export function parseQuirks(entries: readonly string[]): MockQuirks {
  const quirks: MockQuirks = {};
  for (const entry of entries) {
    const [name = '', ...rest] = entry.split('=');
    if (!isQuirkName(name)) {
      throw new UsageError(`unknown quirk ${name}; the quirks are ${QUIRK_NAMES.join(', ')}`);
    }
    setQuirk(quirks, name, rest.length === 0 ? undefined : rest.join('='));
  }
  return quirks;
}
