import type { MockQuirks } from '../../testing/provider/quirks.js';
import { UsageError } from '../usage-error.js';

type QuirkName = keyof MockQuirks;
type QuirkParser = (value: string | undefined) => MockQuirks[QuirkName];

function integer(name: string): QuirkParser {
  return (value) => {
    const number = Number(value);
    if (value === undefined || !Number.isInteger(number) || number < 0) {
      throw new UsageError(`--quirk ${name}=N needs a whole number`);
    }
    return number;
  };
}

function oneOf(name: string, choices: readonly string[]): QuirkParser {
  return (value) => {
    if (value === undefined || !choices.includes(value)) {
      throw new UsageError(`--quirk ${name}= takes ${choices.join(', ')}`);
    }
    return value as MockQuirks[QuirkName];
  };
}

/** `--quirk bareArray` alone switches a flag on; `=false` switches it off again. */
function flag(name: string): QuirkParser {
  return (value) => {
    if (value === undefined || value === 'true') return true;
    if (value === 'false') return false;
    throw new UsageError(`--quirk ${name} takes true or false`);
  };
}

/** Every quirk of the mock provider (docs/testing.md "Quirks"), by the name the option has in code. */
const PARSERS: Record<QuirkName, QuirkParser> = {
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
};

/** The quirk names, for help texts. */
export const QUIRK_NAMES = Object.keys(PARSERS) as QuirkName[];

/** Reads repeated `--quirk name[=value]` flags into the mock's quirks. */
export function parseQuirks(entries: readonly string[]): MockQuirks {
  const quirks: Record<string, unknown> = {};
  for (const entry of entries) {
    const [name = '', ...rest] = entry.split('=');
    const value = rest.length === 0 ? undefined : rest.join('=');
    const parser = PARSERS[name as QuirkName];
    if (parser === undefined) {
      throw new UsageError(`unknown quirk ${name}; the quirks are ${QUIRK_NAMES.join(', ')}`);
    }
    quirks[name] = parser(value);
  }
  return quirks as MockQuirks;
}
